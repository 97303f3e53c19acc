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


def load(*, sizes: Sizes, seed: int = 19, log=print) -> int:
    """Image and document rows (metadata only: the file paths are never served by the benchmark)."""
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Collection

    Document, Image = get_document_model(), get_image_model()
    root = Collection.get_first_root_node()
    half = sizes.media // 2
    created = 0
    if not Image.objects.filter(title__startswith="scale-").exists():
        Image.objects.bulk_create(
            Image(
                title=f"scale-фото-{n:04d}",
                file=f"original_images/scale-{n:04d}.jpg",
                width=1200,
                height=800,
                collection=root,
                file_size=180_000,
            )
            for n in range(half)
        )
        created += half
    if not Document.objects.filter(title__startswith="scale-").exists():
        Document.objects.bulk_create(
            Document(
                title=f"scale-документ-{n:04d}", file=f"documents/scale-{n:04d}.pdf", collection=root, file_size=240_000
            )
            for n in range(sizes.media - half)
        )
        created += sizes.media - half
    log(f"media: {created} image and document rows created")
    return created
