"""The code version that every page key contains.

A shared cache (Redis) outlives a deploy: without a version in the key, the
new code would serve pages rendered by the old templates (linking to static
files that are gone) until they expire. The version is PAGE_CACHE_VERSION when
set (e.g. the commit id), otherwise a hash of the templates, the static files'
manifest and the project's Python files, computed once per process (a few ms);
with DEBUG also the newest modification time of those files (a template edited
under ``runserver`` shows at the next request).
"""

from __future__ import annotations

import functools
import hashlib
import os
import time
from pathlib import Path

from django.conf import settings

SUFFIXES = (".py", ".html", ".txt", ".xml")
SKIP_DIRS = {".venv", "node_modules", "staticfiles", "media", "private_media", "tests", "bench", ".git", "__pycache__"}


def _project_files(base: Path):
    for root, dirs, files in os.walk(base):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
        for name in sorted(files):
            if name.endswith(SUFFIXES):
                path = Path(root) / name
                yield path.relative_to(base), path


@functools.cache
def _computed(base: str, static_root: str) -> str:
    digest = hashlib.sha256()
    for relative, path in _project_files(Path(base)):
        digest.update(str(relative).encode())
        digest.update(path.read_bytes())
    manifest = Path(static_root) / "staticfiles.json"
    if manifest.is_file():
        digest.update(manifest.read_bytes())
    return digest.hexdigest()[:12]


_debug_state = {"checked": 0.0, "stamp": ""}


def _debug_stamp(base: str) -> str:
    """With DEBUG, templates change without a restart: the newest mtime, looked at once a second."""
    now = time.monotonic()
    if now - _debug_state["checked"] >= 1.0:
        newest = max((path.stat().st_mtime_ns for _, path in _project_files(Path(base))), default=0)
        _debug_state.update(checked=now, stamp=f"-{newest:x}")
    return _debug_state["stamp"]


def code_version() -> str:
    configured = getattr(settings, "PAGE_CACHE_VERSION", None)
    if configured:
        return str(configured)
    base = str(settings.BASE_DIR)
    version = _computed(base, str(getattr(settings, "STATIC_ROOT", "") or ""))
    return version + _debug_stamp(base) if settings.DEBUG else version
