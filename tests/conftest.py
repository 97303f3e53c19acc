import pytest
from django.core.management import call_command


@pytest.fixture
def demo_site(db):
    """The demo content, as `make run` loads it."""
    call_command("load_demo_content", verbosity=0)
    from wagtail.models import Site

    return Site.objects.get(is_default_site=True)
