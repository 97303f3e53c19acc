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
