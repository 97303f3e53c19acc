"""What a browser does with Back to a page that answered a POST (shared by the tests of every public form).

Such a page's history entry holds the form's data: Back to it asks to send the form again
(Chromium: ERR_CACHE_MISS, «Подтвердите повторную отправку формы»). ``templates/base.html`` turns the
entry into an ordinary address (``history.replaceState``) that shows the same form again.
"""

import re

REVISIT_SCRIPT = re.compile(r'history\.replaceState\(history\.state, "", "([^"]*)"\);')


def assert_back_opens_a_page(client, response, *, shows: str = "") -> str:
    """``response`` (a page answering a POST) makes its history entry an address that answers a GET with a
    page (and, when given, one that shows ``shows``); that address."""
    assert response.status_code != 302 and response.status_code != 303, "a redirect leaves no entry to fix"
    html = response.content.decode()
    match = REVISIT_SCRIPT.search(html)
    assert match, "a page answering a POST must make its history entry an ordinary address"
    url = match.group(1).encode().decode("unicode_escape")
    revisited = client.get(url, follow=True)
    assert revisited.status_code == 200, f"Back would open {url}: HTTP {revisited.status_code}"
    if shows:
        assert shows in revisited.content.decode(), f"Back to {url} does not show {shows!r}"
    return url


def shown_again(client, response, *, status: int = 200):
    """A POST with mistakes, or refused, ends in a redirect (303, ``home.posted``) to an address with
    ``?errors=1``: the GET of that address (answering ``status``), which Back and reload open again."""
    assert response.status_code == 303, f"a POST answered in place: HTTP {response.status_code}"
    location = response["Location"]
    assert "errors=1" in location, location
    shown = client.get(location)
    assert shown.status_code == status, f"{location}: HTTP {shown.status_code}"
    return shown
