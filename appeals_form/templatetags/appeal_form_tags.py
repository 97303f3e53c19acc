"""The appeal form's fields, written in Python: the form page shows ten of them on every request.

``{% appeal_field form.surname %}`` gives one field with its label ("обязательное
поле" on required ones), its hint and its error; the widget itself carries
``aria-describedby`` ("<id>_helptext <id>_error") and ``aria-invalid`` (Django
5.2 adds them from these ids). Written here rather than as an included
template: an include of ten lines cost about a tenth of a millisecond each time.
"""

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

register = template.Library()

REQUIRED = mark_safe(' <span class="form-required">(обязательное поле)</span>')
ERROR_PREFIX = mark_safe('<span class="visually-hidden">Ошибка: </span>')


@register.simple_tag
def appeal_field(field) -> str:
    """One field of the appeal form (a BoundField): label, hint, error, widget."""
    errors = field.errors
    lines = [
        format_html('<div class="form-group{}">', " form-group--error" if errors else ""),
        format_html(
            '<label class="form-label" for="{}">{}{}</label>',
            field.id_for_label,
            field.label,
            REQUIRED if field.field.required else "",
        ),
    ]
    if field.help_text:
        lines.append(format_html('<p class="form-hint" id="{}_helptext">{}</p>', field.auto_id, field.help_text))
    if errors:
        text = mark_safe(" ".join(conditional_escape(error) for error in errors))  # noqa: S308 (each escaped)
        lines.append(format_html('<p class="form-error" id="{}_error">{}{}</p>', field.auto_id, ERROR_PREFIX, text))
    lines.append(conditional_escape(field))
    return mark_safe("\n    ".join(lines) + "\n</div>")  # noqa: S308 (built from escaped parts)
