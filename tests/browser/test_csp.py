"""Every page type, public and admin, renders under the Content-Security-Policy with no violation.

Violations are collected in the page by a ``securitypolicyviolation`` listener
(installed by Playwright before any page script) and from the console. The
public pages are one of each live page type in the demo content plus the
pages outside Wagtail's tree; the admin pages are the main screens an
officer and an editor use, opened as a superuser.
"""

import pytest
from django.test import Client

from tests.browser.helpers import DESKTOP

pytestmark = pytest.mark.browser

LISTENER = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  const where = `${e.sourceFile}:${e.lineNumber}`;
  window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${where}`);
});
"""


@pytest.fixture
def csp_urls(site_pages):
    """(public paths, admin paths, the admin's session cookie), all from the database before the browser starts."""
    from django.contrib.auth import get_user_model
    from wagtail.models import Page

    from appeals_form.factories import AppealFactory
    from schedules.factories import SignUpFactory

    public, seen = [], set()
    for page in Page.objects.live().specific().order_by("path"):
        kind = type(page).__name__
        if kind in seen or page.depth < 2:
            continue
        seen.add(kind)
        public.append(page.url)
    public += ["/search/?q=обращение", "/net-takoy-stranitsy/", "/identity/", "/appeals/status/", "/admin/login/"]

    appeal = AppealFactory()
    signup = SignUpFactory()
    admin = get_user_model().objects.create_superuser("csp-admin", "csp-admin@example.ru", "csp-Pass-2026-long")
    client = Client()
    client.force_login(admin)
    editable = Page.objects.filter(depth__gt=2).order_by("-depth", "path").first() or Page.objects.get(depth=2)
    admin_paths = [
        "/admin/",
        f"/admin/pages/{editable.get_parent().pk}/",
        f"/admin/pages/{editable.pk}/edit/",
        "/admin/appeals/",
        f"/admin/appeals/{appeal.pk}/",
        "/admin/schedules/",
        f"/admin/schedules/print/?date={signup.session.date.isoformat()}",
        "/admin/snippets/schedules/signup/",
        f"/admin/snippets/schedules/signup/inspect/{signup.pk}/",
        "/admin/personal-data-exports/",
        "/admin/images/",
        "/admin/documents/",
        "/admin/users/",
    ]
    return public, admin_paths, client.cookies["sessionid"].value


def _visit(page, url, *, wait_until: str):
    """(the response, the CSP violations it met): in the page and in the console."""
    messages: list[str] = []
    listener = lambda msg: messages.append(msg.text) if "Content Security Policy" in msg.text else None  # noqa: E731
    page.on("console", listener)
    try:
        response = page.goto(url, wait_until=wait_until)
        assert response is not None and response.status < 500, url
        page.wait_for_timeout(100)
        return response, page.evaluate("window.__cspViolations") + messages
    finally:
        page.remove_listener("console", listener)


# Admin screens opened side by side, each in its own tab: their waits for a settled network overlap.
TABS_AT_ONCE = 4


def _visit_settled(context, urls: list[str]) -> dict[str, list[str]]:
    """{url: CSP violations} for pages that load more after "load" (the admin): each waited for until its
    network settles, a few tabs at a time."""
    found = {}
    for start in range(0, len(urls), TABS_AT_ONCE):
        opened = []
        for url in urls[start : start + TABS_AT_ONCE]:
            page, messages = context.new_page(), []
            page.on(
                "console", lambda msg, seen=messages: seen.append(msg.text) if "Content Security" in msg.text else None
            )
            response = page.goto(url, wait_until="commit")
            assert response is not None and response.status < 500, url
            opened.append((url, page, messages))
        for url, page, messages in opened:
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(100)
            if problems := page.evaluate("window.__cspViolations") + messages:
                found[url] = problems
            page.close()
    return found


def test_every_page_type_renders_without_a_csp_violation(csp_urls, site_pages, browser):
    public, admin_paths, session = csp_urls
    context = browser.new_context(viewport=DESKTOP, locale="ru-RU")
    context.add_init_script(LISTENER)
    found = {}
    try:
        page = context.new_page()
        for path in public:
            # Public pages fetch nothing after "load" (no script requests data): all they load is loaded then.
            response, problems = _visit(page, site_pages.base + path, wait_until="load")
            assert "default-src 'self'" in (response.headers.get("content-security-policy") or ""), path
            assert "camera=()" in (response.headers.get("permissions-policy") or ""), path
            if problems:
                found[path] = problems
        context.add_cookies([{"name": "sessionid", "value": session, "url": site_pages.base}])
        # The admin loads more after "load" (its widgets, previews): wait for the network to settle.
        found.update(_visit_settled(context, [site_pages.base + path for path in admin_paths]))
    finally:
        context.close()
    assert len(public) >= 10, public
    assert not found, "CSP violations:\n" + "\n".join(f"{path}: {problems}" for path, problems in found.items())


def test_the_policy_really_blocks_an_injected_inline_script(site_pages, browser):
    """The harness itself: an inline script without the nonce is refused and reported."""
    context = browser.new_context(viewport=DESKTOP, locale="ru-RU")
    context.add_init_script(LISTENER)
    try:
        page = context.new_page()
        page.goto(site_pages.home)
        page.evaluate(
            "() => { const s = document.createElement('script'); s.textContent = 'window.__pwned = 1';"
            " document.body.appendChild(s); }"
        )
        page.wait_for_timeout(100)
        assert page.evaluate("window.__pwned") is None
        assert any("script-src" in v for v in page.evaluate("window.__cspViolations"))
    finally:
        context.close()
