import datetime
import re
from functools import lru_cache

from django import template
from django.template import defaultfilters
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import timezone, translation
from django.utils.html import conditional_escape, escape
from django.utils.safestring import mark_safe
from wagtail.models import Page, Site

from home import textformat, wagtail_compat
from home.accessibility import toggle_query
from home.pagecache import fragments

register = template.Library()


class KeepNode(template.Node):
    """``{% keep "name" value… %}…{% endkeep %}``: the block rendered once per process, site and values.

    For what every page repeats and only content decides (the header's brand,
    the menus, the footer): the output is kept in ``home.pagecache.fragments``
    until the content generation changes (any save of a page, a setting or a
    menu), per site and per the values named after the name. The block must not
    show anything else of the request or the visitor: the output is shared by
    every visitor of the site. Without a site (no request) it is rendered each time.
    """

    def __init__(self, name: str, vary_on: list, nodelist):
        self.name = name
        self.vary_on = vary_on
        self.nodelist = nodelist

    def render(self, context):
        chrome = fragments.site_chrome(context.get("request"))
        if chrome is None:
            return self.nodelist.render(context)
        values = tuple(str(value.resolve(context)) for value in self.vary_on)
        key = ("keep", self.name, chrome.department.site_id, *values)
        return mark_safe(fragments.kept(key, lambda: self.nodelist.render(context)))  # noqa: S308 (rendered by the template engine)


@register.tag
def keep(parser, token):
    bits = token.split_contents()
    if len(bits) < 2 or bits[1][0] not in "\"'" or bits[1][0] != bits[1][-1]:
        raise template.TemplateSyntaxError("{% keep %} takes a quoted name, then the values it varies on")
    nodelist = parser.parse(("endkeep",))
    parser.delete_first_token()
    return KeepNode(bits[1][1:-1], [parser.compile_filter(bit) for bit in bits[2:]], nodelist)


@register.simple_tag
def local_year() -> str:
    """This year in the site's time zone, as ``{% now "Y" %}`` writes it, without Django's date formatting
    (the footer asks on every page)."""
    return str(timezone.localdate().year)


@register.simple_tag(takes_context=True)
def page_href(context, page):
    """A page's URL as Wagtail's ``{% pageurl %}`` writes it (relative on its own site), kept per process.

    Wagtail finds the site's root path and reverses the URL on every call (30 µs, a dozen times on some
    pages); the URL changes only with the page's path, the sites or the language, and any change of pages
    or sites replaces the generation. The portal's templates write every page URL with this tag
    (``tests/home/test_page_href.py``); ``{% page_href page as name %}`` stores it.
    """
    if not isinstance(page, Page):
        raise ValueError(f"page_href expects a Page, got {page!r}")
    request = context.get("request")
    if page.pk is None or request is None:
        return page.get_url(request=request)
    site = Site.find_for_request(request)
    key = ("page-href", page.pk, page.url_path, getattr(site, "pk", None), translation.get_language())
    return fragments.kept(key, lambda: page.get_url(request=request))


@register.simple_tag(takes_context=True)
def vision_url(context, **params):
    """URL of a link that changes the display mode and returns to this page."""
    request = context["request"]
    path = _reversed("accessibility", get_urlconf(), get_script_prefix())
    return f"{path}?{toggle_query(request.get_full_path(), **params)}"


@lru_cache(maxsize=64)
def _reversed(name: str, urlconf, prefix: str) -> str:
    """``reverse(name)`` for the URL configuration and script prefix it depends on (20 µs each time, on every page)."""
    return reverse(name, urlconf=urlconf)


def _ancestors_from_route(page) -> list | None:
    """The page's ancestors as Wagtail's routing left them on the page (no query), or None.

    Routing walks down from the site's root page and leaves each page's parent
    (``wagtail_compat.cached_parent``); the chain is complete when it reaches depth 2.
    """
    chain = []
    node = page
    while (parent := wagtail_compat.cached_parent(node)) is not None:
        chain.append(parent)
        node = parent
    if not chain or node.depth != 2:
        return None
    return [ancestor for ancestor in reversed(chain) if ancestor.live]


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    page = context.get("page")
    ancestors = []
    if page is not None and getattr(page, "depth", 0) > 2:
        ancestors = _ancestors_from_route(page)
        if ancestors is None:
            ancestors = list(page.get_ancestors().filter(depth__gt=1).live().only("id", "title", "url_path", "path"))
    return {"ancestors": ancestors, "page": page, "request": context.get("request")}


class MenuItem:
    """A link of a menu as the templates use it: label, href and whether it is the current page."""

    __slots__ = ("current", "href", "label")

    def __init__(self, link, current: bool):
        self.label = link.label
        self.href = link.href
        self.current = current


@register.simple_tag(takes_context=True)
def menu_items(context, kind: str):
    """Items of the main ("main") or footer ("footer") menu of the current site (kept per process)."""
    chrome = fragments.site_chrome(context.get("request"))
    if chrome is None:
        return []
    page = context.get("page")
    page_id = getattr(page, "pk", None) if page is not None else None
    links = chrome.main if kind == "main" else chrome.footer
    return [MenuItem(link, current=bool(page_id) and link.page_id == page_id and bool(link.href)) for link in links]


#: A number with its Russian ending: «1-е», «2-й», «3-го» (a line broke after the hyphen on a phone: «1-» | «е»).
NUMBER_WITH_ENDING = re.compile(r"\d+[-\u2010\u2011][А-Яа-яЁё]+")


@register.filter(is_safe=True)
def keep_endings(text) -> str:
    """The text, escaped, with each number and its ending kept on one line («1-е полугодие 2023 года»)."""
    return mark_safe(  # noqa: S308 - escaped above; only the span is added
        NUMBER_WITH_ENDING.sub(lambda m: f'<span class="nowrap">{m.group()}</span>', escape(str(text)))
    )


@register.filter(is_safe=True)
def no_break(text) -> str:
    """``{{ day|date:"j E, l"|no_break }}``: «9\u00a0декабря, среда» (``home.textformat.no_break``, the one rule).
    Only no-break spaces are added: text escaped before stays escaped, and unescaped text is escaped after."""
    return textformat.no_break(str(text or ""))


@register.filter(is_safe=True)
def typeset(value) -> str:
    """Text or HTML with the no-break spaces of ``home.textformat.no_break_html`` and «№ …» kept whole.

    Plain text (an editor's intro, a table's cell) is escaped first; safe HTML (Wagtail's rich text, through
    ``templates/wagtailcore/shared/richtext.html``) stays as it is: only no-break spaces and «№ …» spans are
    added to the text between its tags."""
    return mark_safe(textformat.no_break_html(conditional_escape("" if value is None else value)))  # noqa: S308


@register.filter(is_safe=True)
def time_range(start, end=None) -> str:
    """``{{ occ.time_from|time_range:occ.time_to }}``: «с 16:00 до 19:00» (``home.textformat.time_range``)."""
    return textformat.time_range(start, end) if start else ""


@register.filter(is_safe=False)
def time_ranges(text) -> str:
    """Ranges of hours in text an editor typed, said as ranges (``home.textformat.time_ranges``)."""
    return textformat.time_ranges(str(text or ""))


@register.filter
def tel_href(phone: str) -> str:
    """A phone number as written ("+7 (495) 000-01-02") in the form a tel: link wants."""
    return "".join(ch for ch in phone if ch.isdigit() or ch == "+")


@register.filter
def phone_display(phone: str) -> str:
    """A stored phone ("+79035551742") as people read it ("+7 903 555-17-42")."""
    return textformat.phone_display(phone)


@register.filter
def version_display(version: str) -> str:
    """A consent version kept as an ISO date ("2026-11-01") as a Russian date ("от 1 ноября 2026 года")."""
    return _version_display(version or "", translation.get_language())


@lru_cache(maxsize=64)
def _version_display(version: str, language: str | None) -> str:
    """The check page shows the same few versions to everyone: each written once per process and language."""
    return textformat.version_display(version)


# Dates and times in lists (a schedule's next receptions, events) repeat from
# one request to the next, and Django's ``date``/``time`` filters rebuild the
# same Russian string (translated month and weekday names) every time. These
# filters give exactly the same output, remembered per value, format and language;
# a moment in a numeric format is written by ``strftime`` (``date_cached``).


@lru_cache(maxsize=4096)
def _formatted(kind: str, value, arg: str, language: str | None) -> str:
    return defaultfilters.date(value, arg) if kind == "date" else defaultfilters.time(value, arg)


# Django's format characters written by ``strftime`` the same way whatever the language (numbers only).
_NUMERIC_FORMAT = {"d": "%d", "m": "%m", "Y": "%Y", "y": "%y", "H": "%H", "i": "%M", "s": "%S"}
_FORMAT_CHARS = set("aAbcdDeEfFgGhHiIjlLmMnNoOPrsStTUuwWyYzZ")


@lru_cache(maxsize=256)
def _strftime_pattern(arg: str) -> str | None:
    """``arg`` (a ``|date`` format) as a ``strftime`` pattern when it has only numeric fields, else None
    (names of months or weekdays, unpadded numbers, time zones, escapes: Django's own filter)."""
    pattern = []
    for char in arg:
        if char in _NUMERIC_FORMAT:
            pattern.append(_NUMERIC_FORMAT[char])
        elif char in _FORMAT_CHARS or char == "\\":
            return None
        else:
            pattern.append(char.replace("%", "%%"))
    return "".join(pattern)


@register.filter(expects_localtime=True, is_safe=False)
def date_cached(value, arg=None):
    """``|date:arg``, the same text, cheaper: date objects remembered per value, format and language; a
    moment (already in local time: ``expects_localtime``) in a numeric format («d.m.Y в H:i», «c») written by
    ``strftime``/``isoformat``, which Django's filter spent 30–70 µs on; anything else goes to ``|date``."""
    if type(value) is datetime.date and arg:
        return _formatted("date", value, arg, translation.get_language())
    if type(value) is datetime.datetime and arg:
        if arg == "c":
            return value.isoformat()
        pattern = _strftime_pattern(arg)
        if pattern is not None:
            return value.strftime(pattern)
    return defaultfilters.date(value, arg)


@register.filter(expects_localtime=True, is_safe=False)
def time_cached(value, arg=None):
    """``|time:arg`` for time objects, remembered; anything else goes to ``|time`` as is."""
    if type(value) is datetime.time and arg:
        return _formatted("time", value, arg, translation.get_language())
    return defaultfilters.time(value, arg)
