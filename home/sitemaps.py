"""The sitemap of the site's pages: Wagtail's, without the pages under an unpublished section."""

from wagtail.contrib.sitemaps import Sitemap

from home import draft_sections


class PagesSitemap(Sitemap):
    def items(self):
        # Wagtail lists every live page; one under a draft section is not on the site (home/draft_sections.py).
        return draft_sections.exclude_hidden(super().items())
