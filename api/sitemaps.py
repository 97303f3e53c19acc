"""The API's documentation page in the site's sitemap (the data under /api/v1/ is for programs: robots.txt)."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class ApiDocumentationSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.3

    def items(self) -> list[str]:
        return ["api:index"]

    def location(self, item: str) -> str:
        return reverse(item)
