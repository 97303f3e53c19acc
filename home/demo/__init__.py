"""Demo content of the portal, loaded by `manage.py load_demo_content`.

The contract
------------
Every project app may ship a module (or package) named ``demo`` next to its
``models``. The command imports it from each installed project app (third-party
apps under site-packages are skipped) and expects two names in it:

``ORDER: int``
    When to run; steps run in ascending ORDER (ties by module name).
``def load(*, stdout, style) -> None``
    Create or update the app's demo content. ``stdout`` is the command's
    OutputWrapper and ``style`` its color style: print one short line per
    object created/updated. The whole run is one transaction.

Ordering:

- 0: ``home.demo`` (this package) builds the structure: the default Site, the
  ``HomePage``, the content pages, the placeholders of later sections and the
  department's contacts (DepartmentSettings). The Wagtail welcome page is
  deleted.
- 1–999: the apps. They find the home page with ``home.demo.pages.get_home_page()``
  and put their pages at the known slugs in ``home.demo.content``
  (``SLUG_APPEAL_FORM`` "internet-priemnaya", ``SLUG_SCHEDULES``
  "grafik-priema", ``SLUG_EVENTS`` "meropriyatiya", ``SLUG_REPORTS`` "otchety",
  ``SLUG_REGULATIONS`` "dokumenty"). ``home.demo.pages.ensure_page(...)``
  creates or updates a page idempotently and replaces home's placeholder (a
  ``StandardPage``) at that slug with the app's own page type; on later runs
  home leaves the app's page alone.
- 900: ``home.demo.approval`` (built in): the head of the department's demo
  account and a draft report waiting for approval («Согласование»).
- 1000: ``home.demo.finish`` (built in, not discovered) builds the main menu,
  the footer links and the home page's quick links from whichever live pages
  sit at those slugs at that moment, so the links follow a replaced page.

Every step must be idempotent: running the command twice creates no
duplicates and, when nothing changed, no new page revisions. Demo loaders
never create personal data (appeals, sign-ups, attachments).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import module_has_submodule

from .structure import load

ORDER = 0
MODULE_NAME = "demo"

__all__ = ["ORDER", "DemoStep", "discover_steps", "load"]


@dataclass(frozen=True)
class DemoStep:
    order: int
    name: str
    load: Callable[..., None]


def _is_project_app(path: str) -> bool:
    app_path = Path(path).resolve()
    return app_path.is_relative_to(Path(settings.BASE_DIR).resolve()) and "site-packages" not in app_path.parts


def _step_from_module(module_name: str) -> DemoStep:
    module = import_module(module_name)
    order = getattr(module, "ORDER", None)
    loader = getattr(module, "load", None)
    if not isinstance(order, int) or isinstance(order, bool) or not callable(loader):
        raise ImproperlyConfigured(f"{module_name} must define ORDER: int and load(*, stdout, style).")
    return DemoStep(order=order, name=module_name, load=loader)


def discover_steps() -> list[DemoStep]:
    """The `demo` modules of the project apps plus home's finishing step, sorted by ORDER."""
    steps = []
    for app_config in apps.get_app_configs():
        if not _is_project_app(app_config.path) or not module_has_submodule(app_config.module, MODULE_NAME):
            continue
        steps.append(_step_from_module(f"{app_config.name}.{MODULE_NAME}"))
    steps.append(_step_from_module(f"{__name__}.approval"))
    steps.append(_step_from_module(f"{__name__}.finish"))
    return sorted(steps, key=lambda step: (step.order, step.name))
