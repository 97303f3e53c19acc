"""Content-Security-Policy and Permissions-Policy headers (issue 13, item 4).

The browser test of every page type is tests/browser/test_csp.py.
"""

import importlib

import pytest

pytestmark = pytest.mark.django_db


def _directives(header: str) -> dict[str, list[str]]:
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


def test_public_pages_allow_only_own_and_nonced_scripts(client):
    response = client.get("/search/?q=x")
    policy = _directives(response["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'"]  # no inline script without a nonce, no eval
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["img-src"][0] == "'self'" and not any(src.startswith("http") for src in policy["img-src"])
    assert "camera=()" in response["Permissions-Policy"] and "geolocation=()" in response["Permissions-Policy"]


def test_a_page_with_an_inline_script_gets_a_matching_nonce(rf):
    from django.http import HttpResponse
    from django.template import Context, Template

    from home.middleware import PortalCSPMiddleware

    request = rf.get("/")
    middleware = PortalCSPMiddleware(lambda r: None)
    middleware.process_request(request)
    html = Template('<script nonce="{{ request.csp_nonce }}">1</script>').render(Context({"request": request}))

    response = middleware.process_response(request, HttpResponse(html))
    nonce = html.split('nonce="')[1].split('"')[0]
    assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]


def test_the_admin_keeps_every_directive_but_allows_its_own_inline_scripts(admin_client):
    policy = _directives(admin_client.get("/admin/")["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["img-src"][0] == "'self'" and policy["connect-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"] and policy["form-action"] == ["'self'"]


def test_report_only_switch_by_environment(monkeypatch):
    from portal.settings import security

    monkeypatch.setenv("CSP_REPORT_ONLY", "1")
    monkeypatch.setenv("CSP_REPORT_URI", "/csp-report/")
    try:
        reloaded = importlib.reload(security)
        assert reloaded.CONTENT_SECURITY_POLICY is None
        assert reloaded.CONTENT_SECURITY_POLICY_REPORT_ONLY["DIRECTIVES"]["report-uri"] == "/csp-report/"
    finally:
        monkeypatch.delenv("CSP_REPORT_ONLY")
        monkeypatch.delenv("CSP_REPORT_URI")
        importlib.reload(security)


def test_report_only_header_is_sent_instead(client, settings):
    from portal.settings import security

    settings.CONTENT_SECURITY_POLICY = None
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = {"DIRECTIVES": security.PORTAL_CSP_DIRECTIVES}
    response = client.get("/search/?q=x")
    assert "Content-Security-Policy" not in response
    assert "default-src 'self'" in response["Content-Security-Policy-Report-Only"]


def test_django_csp_system_checks_pass():
    """django-csp refuses settings named like its old (< 4.0) ones: ours must not look like them."""
    from django.core import checks

    errors = [e for e in checks.run_checks() if e.level >= checks.ERROR]
    assert not errors, errors


def _both_ways(rf, path: str, nonce: str | None, **response_attrs):
    """The headers PortalCSPMiddleware gives (twice: built, then kept) and those django-csp's own way gives."""
    from csp.middleware import CSPMiddleware
    from django.http import HttpResponse

    from home.middleware import PortalCSPMiddleware

    middleware = PortalCSPMiddleware(lambda r: None)
    seen = []
    for way in (
        PortalCSPMiddleware.process_response,
        PortalCSPMiddleware.process_response,
        CSPMiddleware.process_response,
    ):
        request = rf.get(path)
        middleware.process_request(request)
        if nonce:
            request._csp_nonce = nonce
        response = HttpResponse("ok")
        for name, value in response_attrs.items():
            setattr(response, name, value)
        response = way(middleware, request, response)
        seen.append({h: response.get(h) for h in ("Content-Security-Policy", "Content-Security-Policy-Report-Only")})
    return seen


@pytest.mark.parametrize("path", ["/", "/admin/pages/"])
@pytest.mark.parametrize("nonce", ["bm9uY2Utb25l", None], ids=["nonce", "no-nonce"])
@pytest.mark.parametrize("report_only", [False, True], ids=["enforced", "report-only"])
def test_the_kept_policy_is_the_one_django_csp_builds(rf, settings, path, nonce, report_only):
    from portal.settings import security

    if report_only:
        settings.CONTENT_SECURITY_POLICY = None
        settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = {"DIRECTIVES": security.PORTAL_CSP_DIRECTIVES}
    built, kept, djangocsp = _both_ways(rf, path, nonce)
    assert built == kept == djangocsp
    header = "Content-Security-Policy-Report-Only" if report_only else "Content-Security-Policy"
    assert (f"'nonce-{nonce}'" in built[header]) is bool(nonce and path == "/")


def test_a_views_own_policy_and_a_changed_setting_are_honoured(rf, settings):
    built, _, djangocsp = _both_ways(rf, "/", "bm9uY2U=", _csp_update={"img-src": ["https://maps.example.ru"]})
    assert built == djangocsp and "https://maps.example.ru" in built["Content-Security-Policy"]
    assert _both_ways(rf, "/", None, _csp_exempt=True)[0]["Content-Security-Policy"] is None
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": ["'none'"]}}
    assert _both_ways(rf, "/", None)[0]["Content-Security-Policy"] == "default-src 'none'"


def test_a_nonce_asked_for_after_the_header_is_written_is_refused(rf):
    from csp.exceptions import CSPNonceError
    from django.http import HttpResponse

    from home.middleware import PortalCSPMiddleware

    middleware, request = PortalCSPMiddleware(lambda r: None), rf.get("/")
    middleware.process_request(request)
    middleware.process_response(request, HttpResponse("ok"))
    with pytest.raises(CSPNonceError):
        str(request.csp_nonce)
