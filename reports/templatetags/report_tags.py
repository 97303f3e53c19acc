from django import template

from reports import formatting

register = template.Library()


@register.filter
def report_number(value) -> str:
    """6179 → "6 179" (a non-breaking space between digit groups)."""
    return formatting.number(value)
