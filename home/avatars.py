"""Staff avatars without Gravatar: the user's initials on a coloured disc.

Government networks often block gravatar.com, which left broken images all
over the admin. ``WAGTAIL_GRAVATAR_PROVIDER_URL = None`` turns Gravatar off;
the ``get_avatar_url`` hook (home/wagtail_hooks.py) points every avatar that
has no uploaded picture to :func:`initials_view`, an SVG served by the site
itself.
"""

import hashlib
from xml.sax.saxutils import escape

from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control

# Calm colours with white text at a contrast ratio of at least 4.5:1.
COLOURS = ["#1d4f91", "#2e6b30", "#8a3b12", "#6a2c8c", "#0f5f66", "#9a1f3d", "#4a4f57"]
MAX_INITIALS = 2


def initials(user) -> str:
    """«ЭД» for Эдуард Демо-Редактор; the username's first letter when there is no name."""
    parts = [(user.first_name or "").strip(), (user.last_name or "").strip()]
    letters = "".join(part[0] for part in parts if part)
    if not letters:
        letters = (user.get_username() or "?")[0]
    return letters[:MAX_INITIALS].upper()


def avatar_url(user) -> str | None:
    """The initials' picture, unless the user uploaded an avatar (Wagtail shows that one).

    No user (a page published by a script, a deleted account): None, so Wagtail shows its
    default picture.
    """
    if user is None:
        return None
    profile = getattr(user, "wagtail_userprofile", None)
    if profile is not None and profile.avatar:
        return None
    return reverse("portal_avatar_initials", kwargs={"text": initials(user)})


def colour_for(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return COLOURS[digest[0] % len(COLOURS)]


@cache_control(private=True, max_age=86400)
def initials_view(request, text: str):
    text = text[:MAX_INITIALS]
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100" role="img">'
        f'<circle cx="50" cy="50" r="50" fill="{colour_for(text)}"/>'
        '<text x="50" y="50" dy=".35em" text-anchor="middle" fill="#fff" '
        'font-family="Arial, Helvetica, sans-serif" font-size="42" font-weight="600">'
        f"{escape(text)}</text></svg>"
    )
    return HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
