"""Rich text links to pages that are not on the public site are shown as their words, not as dead links.

Found from outside: a rich text's link to an unpublished page or one under an unpublished section was still a
link, to a 404 for residents. Wagtail's link handler for ``page`` is replaced (the
``register_rich_text_features`` hook, ``home/wagtail_hooks.py``) by ``OnSitePageLinkHandler``, which asks
``home.onsite`` as the menus do (``leads_on_site``: published, under no unpublished section; a restricted page
stays a link, its visitors log in) with the paths kept per content generation: the pages of one rich text are
read in one query, as Wagtail reads them, and nothing more. A page not on the site gets ``<a>`` without
``href``: the handler replaces the opening tag only (the stored ``</a>`` stays), and an ``a`` without ``href``
is, in HTML, no link but a placeholder for its words (not focusable, not in a screen reader's list of links;
``a:not([href])`` reads as text in ``static/css/site.css``), as Wagtail itself renders a link to a deleted
page.

Editors are unaffected: the editor converts links itself, and a preview (``home.onsite.previewing``, around
``PortalPageMixin.serve_preview``) shows them as links, as they will be once the pages are published.
"""

from __future__ import annotations

from django.utils.html import escape
from wagtail.rich_text.pages import PageLinkHandler

from home import onsite

#: What a link to a page that is not on the site opens with: no ``href``, so no link.
NO_LINK = "<a>"


class OnSitePageLinkHandler(PageLinkHandler):
    @classmethod
    def expand_db_attributes_many(cls, attrs_list: list[dict]) -> list[str]:
        pages = cls.get_many(attrs_list)
        if onsite.is_previewing():
            return [f'<a href="{escape(page.localized.url)}">' if page else NO_LINK for page in pages]
        drafts = onsite.hiding_paths().drafts
        return [
            f'<a href="{escape(page.localized.url)}">'
            if page and onsite.leads_on_site(page, drafts=drafts)
            else NO_LINK
            for page in pages
        ]
