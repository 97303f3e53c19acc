"""Response headers of the public pages that show personal data: one place for the decision.

Such a page is never cached, never indexed and never hands its address (which
may carry a private token) to another site. The referrer policy is
``same-origin``, never ``no-referrer``: under ``no-referrer`` browsers send
``Origin: null`` with the page's own POST forms, and Django's CSRF origin
check refuses them with 403 (issue 12: the status lookup was refused in every
real browser). ``same-origin`` sends the referrer to this site only, which the
CSRF check needs, and to no one else.
"""

from django.http import HttpResponse

NO_STORE = "no-store, private"
PRIVATE_REFERRER_POLICY = "same-origin"
# Policies under which a browser posts ``Origin: null`` from the page: never on a page with a form.
ORIGIN_HIDING_POLICIES = frozenset({"no-referrer"})


def private_page(response: HttpResponse) -> HttpResponse:
    """Mark a response that holds personal data (see the module docstring)."""
    response["Cache-Control"] = NO_STORE
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = PRIVATE_REFERRER_POLICY
    return response
