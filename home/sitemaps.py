"""The sitemap of the site's pages: Wagtail's, with the pages on the site only (``home.onsite``)."""

from wagtail.contrib.sitemaps import Sitemap

from home import onsite


class PagesSitemap(Sitemap):
    def items(self):
        # Wagtail's list without its ``.live().public()`` (a query for every restriction of the site): a page
        # under a draft section is not on the site (home/draft_sections.py), and on_site() reads kept paths.
        pages = self.get_wagtail_site().root_page.get_descendants(inclusive=True)
        return onsite.on_site(pages).order_by("path").defer_streamfields().specific()
