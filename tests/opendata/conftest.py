import pytest


@pytest.fixture(autouse=True)
def _clear_cache():
    """The register statistics are cached for a day: each test starts from its own database's figures."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
