"""Factories of home's page types (wagtail-factories), for the tests of every app.

    home = HomePageFactory(site_root=True)         # under the tree root, made the default site's root
    page = StandardPageFactory(parent=home, title="Контакты", slug="kontakty")
    section = SectionIndexPageFactory()            # under the default site's HomePage (created if missing)

Body fields take raw StreamField data, e.g. ``body=[{"type": "paragraph", "value": "<p>Текст</p>"}]``.
Pages are created live, without revisions; call ``page.save_revision().publish()`` if a test needs one.
"""

import factory
import wagtail_factories
from wagtail.models import Page, Site

from home.models import HomePage, SectionIndexPage, StandardPage


def _tree_root() -> Page:
    return Page.get_first_root_node()


def site_home_page() -> HomePage:
    """The default site's HomePage; created (and made the site's root) if the site has none."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is not None and isinstance(site.root_page.specific, HomePage):
        return site.root_page.specific
    return HomePageFactory(site_root=True)


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Обращения граждан"
    slug = factory.Sequence(lambda n: f"home-{n}")
    intro = "<p>Отдел по работе с обращениями граждан принимает и рассматривает обращения жителей.</p>"
    parent = factory.LazyFunction(_tree_root)

    class Meta:
        model = HomePage
        skip_postgeneration_save = True

    @factory.post_generation
    def site_root(obj, create, extracted, **kwargs):
        """With site_root=True, point the default site (created if missing) at this page."""
        if not (create and extracted):
            return
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            Site.objects.create(hostname="localhost", port=80, root_page=obj, is_default_site=True)
        else:
            site.root_page = obj
            site.save()


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Текстовая страница {n}")
    slug = factory.Sequence(lambda n: f"stranica-{n}")
    intro = "Порядок рассмотрения обращений граждан."
    parent = factory.LazyFunction(site_home_page)

    class Meta:
        model = StandardPage


class SectionIndexPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Раздел {n}")
    slug = factory.Sequence(lambda n: f"razdel-{n}")
    intro = "<p>Материалы раздела.</p>"
    parent = factory.LazyFunction(site_home_page)

    class Meta:
        model = SectionIndexPage
