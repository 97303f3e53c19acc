"""The sizes of the scale data (``manage.py load_scale_data``), shared by the apps' ``scale`` modules."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Sizes:
    appeals: int = 100_000  # five years of a department registering 6,000-8,000 appeals a half-year... and more
    years: int = 5
    reports: int = 20
    regulations: int = 500
    events: int = 1_000
    officials: int = 50
    media: int = 2_000  # image and document rows
