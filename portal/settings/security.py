"""Content-Security-Policy (django-csp 4) and Permissions-Policy for the public site and the admin.

Officers open residents' untrusted text and files in the admin: no script
runs unless it comes from our own origin or carries the request's nonce
(``<script nonce="{{ request.csp_nonce }}">``). Styles may be inline (Wagtail's
admin and the server-side charts set style attributes); no plugins, no
framing by other sites, forms post only to us (and the OpenID provider).

CSP_REPORT_ONLY=1 sends the same policy as Content-Security-Policy-Report-Only
(to try a change in production first); CSP_REPORT_URI collects reports;
CSP_EXTRA_FRAME_SRC lists other origins pages may embed (video hosting).
"""

from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE

from .env import env, env_bool, env_list
from .identity import OIDC_ISSUER, RECAPTCHA_DOMAIN, RECAPTCHA_PUBLIC_KEY

_captcha = [f"https://{RECAPTCHA_DOMAIN}", "https://www.gstatic.com"] if RECAPTCHA_PUBLIC_KEY else []
_oidc = [OIDC_ISSUER.rstrip("/")] if OIDC_ISSUER else []

PORTAL_CSP_DIRECTIVES = {
    "default-src": [SELF],
    "script-src": [SELF, NONCE, *_captcha],
    "style-src": [SELF, UNSAFE_INLINE],
    "img-src": [SELF, "data:", "blob:"],
    "font-src": [SELF, "data:"],
    "connect-src": [SELF, *_captcha],
    "frame-src": [SELF, *_captcha, *env_list("CSP_EXTRA_FRAME_SRC")],
    "frame-ancestors": [SELF],
    "form-action": [SELF, *_oidc],
    "base-uri": [SELF],
    "object-src": [NONE],
    "worker-src": [SELF, "blob:"],
    "manifest-src": [SELF],
}
if env("CSP_REPORT_URI"):
    PORTAL_CSP_DIRECTIVES["report-uri"] = env("CSP_REPORT_URI")

# The Wagtail admin cannot carry a nonce (home.middleware.PortalCSPMiddleware).
PORTAL_CSP_ADMIN_PREFIXES = ["/admin/", "/django-admin/"]
PORTAL_CSP_ADMIN_SCRIPT_SRC = [SELF, UNSAFE_INLINE, *_captcha]

# No avatars from gravatar.com: staff e-mail hashes never leave the site, and img-src stays 'self'.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

PORTAL_CSP_REPORT_ONLY = env_bool("CSP_REPORT_ONLY", False)
CONTENT_SECURITY_POLICY = None if PORTAL_CSP_REPORT_ONLY else {"DIRECTIVES": PORTAL_CSP_DIRECTIVES}
CONTENT_SECURITY_POLICY_REPORT_ONLY = {"DIRECTIVES": PORTAL_CSP_DIRECTIVES} if PORTAL_CSP_REPORT_ONLY else None

# Browser features no page of the portal uses (home.middleware.PermissionsPolicyMiddleware).
PERMISSIONS_POLICY = env(
    "PERMISSIONS_POLICY",
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), "
    "magnetometer=(), microphone=(), midi=(), payment=(), publickey-credentials-get=(), "
    "screen-wake-lock=(), serial=(), usb=(), xr-spatial-tracking=(), fullscreen=(self)",
)
