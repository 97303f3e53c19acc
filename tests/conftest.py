import pytest
from django.core.management import call_command


@pytest.fixture
def demo_site(db):
    """The demo content, as `make run` loads it."""
    call_command("load_demo_content", verbosity=0)
    from wagtail.models import Site

    return Site.objects.get(is_default_site=True)


@pytest.fixture
def fragments_on(settings, tmp_path):
    """Production's per-process fragments (site, menus, routing, restrictions, reference lists),
    with a generation file of this test's own; the full-page cache stays off."""
    from home.pagecache import fragments

    settings.PAGE_CACHE_ENABLED = False
    settings.PAGE_CACHE_FRAGMENTS = True
    settings.PAGE_CACHE_GENERATION = "file"
    settings.PAGE_CACHE_GENERATION_FILE = str(tmp_path / "generation")
    fragments.clear()
    yield
    fragments.clear()
