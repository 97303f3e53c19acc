"""home's first demo step (ORDER 0): site, home page, content pages, placeholders, contacts."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import Page, Site

from home.models import DepartmentSettings, HomePage, StandardPage

from . import articles, content
from .pages import UNCHANGED, default_site, ensure_page, ensure_placeholder, report


def _home_page(*, stdout, style) -> HomePage:
    """The single HomePage: the existing one (the site's root first), else a new one under the tree root."""
    site = default_site()
    existing = None
    if site is not None and isinstance(site.root_page.specific, HomePage):
        existing = site.root_page.specific
    existing = existing or HomePage.objects.order_by("path").first()
    if existing is not None:
        parent, slug = existing.get_parent(), existing.slug
    else:
        parent, slug = Page.get_first_root_node(), content.HOME_SLUG
    home, status = ensure_page(parent=parent, page_class=HomePage, slug=slug, replace=(), **content.home_page())
    report(stdout, style, home, status)
    return home


def _site_address() -> tuple[str, int]:
    """Host and port of the public address (PORTAL_BASE_URL), so that the
    sitemap and absolute links in e-mails point where the site is served."""
    url = urlsplit(settings.PORTAL_BASE_URL)
    default_port = 443 if url.scheme == "https" else 80
    return url.hostname or content.DEFAULT_HOSTNAME, url.port or default_port


def _point_site(home: HomePage, *, stdout, style) -> Site:
    site = default_site()
    hostname, port = _site_address()
    if site is None:
        site = Site.objects.create(
            hostname=hostname,
            port=port,
            root_page=home,
            site_name=content.SITE_NAME,
            is_default_site=True,
        )
        stdout.write(f"  {style.SUCCESS('created  ')} site {site}")
    elif (site.root_page_id, site.site_name, site.hostname, site.port) != (home.pk, content.SITE_NAME, hostname, port):
        site.root_page = home
        site.site_name = content.SITE_NAME
        site.hostname = hostname
        site.port = port
        site.save()
        stdout.write(f"  {style.WARNING('updated  ')} site {site} -> {home.title}")
    return site


def _delete_welcome_pages(*, stdout, style) -> None:
    """Wagtail's "Welcome to your new Wagtail site!" page: a bare Page at depth 2 that no site uses."""
    welcome = Page.objects.filter(
        depth=2,
        content_type=ContentType.objects.get_for_model(Page),
        title__startswith=content.WELCOME_TITLE_PREFIX,
    ).exclude(sites_rooted_here__isnull=False)
    for page in welcome:
        stdout.write(f"  {style.WARNING('deleted  ')} {page.title}")
        page.delete()


def _department_settings(site: Site, *, stdout, style) -> None:
    dept, created = DepartmentSettings.objects.get_or_create(site=site, defaults=content.DEPARTMENT)
    changed = [name for name, value in content.DEPARTMENT.items() if getattr(dept, name) != value]
    if changed:
        for name in changed:
            setattr(dept, name, content.DEPARTMENT[name])
        dept.save()
    status = "created" if created else ("updated" if changed else UNCHANGED)
    stdout.write(f"  {status.ljust(9)} settings: {DepartmentSettings._meta.verbose_name}")


def load(*, stdout, style) -> None:
    stdout.write(style.MIGRATE_HEADING("home: site structure"))
    with transaction.atomic():
        home = _home_page(stdout=stdout, style=style)
        site = _point_site(home, stdout=stdout, style=style)
        _delete_welcome_pages(stdout=stdout, style=style)

        procedure, status = ensure_page(
            parent=home, page_class=StandardPage, slug=content.SLUG_PROCEDURE, **articles.procedure_page()
        )
        report(stdout, style, procedure, status)
        about, status = ensure_page(
            parent=home,
            page_class=StandardPage,
            slug=content.SLUG_ABOUT,
            **articles.about_page(procedure_page_id=procedure.pk),
        )
        report(stdout, style, about, status)
        contacts, status = ensure_page(
            parent=home, page_class=StandardPage, slug=content.SLUG_CONTACTS, **content.contacts_page()
        )
        report(stdout, style, contacts, status)
        for placeholder in content.placeholders():
            page, status = ensure_placeholder(
                parent=home,
                slug=placeholder.slug,
                title=placeholder.title,
                intro=placeholder.intro,
                body=placeholder.body,
            )
            report(stdout, style, page, status)

        _department_settings(site, stdout=stdout, style=style)
