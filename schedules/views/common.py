"""Helpers shared by the public views."""

from home.privacy import private_page

# Personal data on the page: never cached, never indexed, referrer same-origin
# (see home.privacy for why never "no-referrer").
private = private_page
