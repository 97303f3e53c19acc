"""Helpers shared by the public views."""

from django.http import HttpResponse

NO_STORE = "no-store, private"


def private(response: HttpResponse) -> HttpResponse:
    """Personal data on the page: never cached, never indexed.

    The referrer stays "same-origin" (the site-wide setting): the cancel token is
    never sent to another site, and "no-referrer" would make browsers send
    ``Origin: null`` with the page's forms, which the CSRF check refuses.
    """
    response["Cache-Control"] = NO_STORE
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "same-origin"
    return response
