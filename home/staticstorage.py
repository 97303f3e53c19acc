"""The static files' storage: WhiteNoise's compressed manifest storage, each file's URL worked out once per process.

``{% static %}`` asks the storage for a URL every time it renders: the manifest look-up, the URL quoting and
joining cost 12 µs a call, and every page writes five to seven of them. The manifest is read when the
process starts and does not change while it runs (``collectstatic`` writes the next one for the next
deployment), so a name's URL is kept after its first call. With ``DEBUG`` on, or with ``force``, the URL is
worked out each time as before; a name missing from the manifest raises each time as before.
"""

from __future__ import annotations

from django.conf import settings
from whitenoise.storage import CompressedManifestStaticFilesStorage


class PortalStaticStorage(CompressedManifestStaticFilesStorage):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._kept_urls: dict[str, str] = {}

    def url(self, name, force=False):
        if force or settings.DEBUG:
            return super().url(name, force=force)
        try:
            return self._kept_urls[name]
        except KeyError:
            url = self._kept_urls[name] = super().url(name)
            return url
