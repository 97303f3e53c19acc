from django import template
from django.urls import reverse

from home.accessibility import toggle_query

register = template.Library()


@register.simple_tag(takes_context=True)
def vision_url(context, **params):
    """URL of a link that changes the display mode and returns to this page."""
    request = context["request"]
    return f"{reverse('accessibility')}?{toggle_query(request.get_full_path(), **params)}"


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    page = context.get("page")
    ancestors = []
    if page is not None and getattr(page, "depth", 0) > 2:
        ancestors = list(page.get_ancestors().filter(depth__gt=1).live().only("id", "title", "url_path", "path"))
    return {"ancestors": ancestors, "page": page, "request": context.get("request")}


@register.simple_tag(takes_context=True)
def menu_items(context, kind: str):
    """Items of the main ("main") or footer ("footer") menu of the current site."""
    nav = context["settings"]["home"]["NavigationSettings"]
    related = nav.main_items if kind == "main" else nav.footer_items
    return list(related.select_related("page"))


@register.filter
def tel_href(phone: str) -> str:
    """A phone number as written ("+7 (495) 000-01-02") in the form a tel: link wants."""
    return "".join(ch for ch in phone if ch.isdigit() or ch == "+")
