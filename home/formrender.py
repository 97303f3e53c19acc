"""A form renderer that writes Django's standard widgets in Python: the same HTML, without the template engine.

Django renders every widget through its template engine: an input is three
templates (``text.html`` includes ``input.html``, which includes
``attrs.html``), a select or a radio list one include per option. A form of a
dozen fields costs milliseconds of CPU on every request. ``FastRenderer``
writes the markup of Django's own widget templates
(``django/forms/templates/django/forms/widgets/``) to the character for the
common widgets (text-like inputs, checkbox, textarea, select, radio and
checkbox lists) and hands everything else (other templates, and any value it
would have to localise, such as a number or a date label) to the template
engine as before. ``tests/home/test_formrender.py`` compares both ways for
every widget and edge case.

Only the public site's forms use it (``PublicForm``, and ``PUBLIC_RENDERER``
for formsets); the Wagtail admin keeps Django's own renderer. Two guards keep
the Python from drifting from the templates it copies:

- a project template that overrides one of these widget templates would be
  ignored by the fast path: ``FAST_TEMPLATES`` lists what is written here,
  and the renderer checks once (``FastRenderer.fast``, at its first widget)
  that each of them is Django's own file;
- a Django release that changes one of them: ``WIDGET_TEMPLATES_DIGEST`` is
  the SHA-256 of the templates copied here as the pinned Django ships them.
  When the files say something else, the renderer uses the templates
  (correct, only slower) and the system check ``home.W001`` says so; after
  checking the Python against the new templates (``tests/home/test_formrender.py``),
  record the new digest (``python -m home.formrender``).
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

import django
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.functional import Promise, cached_property
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from home.formcopy import FastCopyMetaclass

WIDGETS = "django/forms/widgets/"
INPUT_TEMPLATES = frozenset(
    WIDGETS + name + ".html"
    for name in (
        "checkbox",
        "color",
        "date",
        "datetime",
        "email",
        "file",
        "hidden",
        "number",
        "password",
        "search",
        "tel",
        "text",
        "time",
        "url",
    )
)
OPTION_INPUT_TEMPLATES = frozenset({WIDGETS + "radio_option.html", WIDGETS + "checkbox_option.html"})
LIST_TEMPLATES = frozenset({WIDGETS + "radio.html", WIDGETS + "checkbox_select.html"})
SELECT_TEMPLATES = frozenset({WIDGETS + "select.html"})
TEXTAREA_TEMPLATES = frozenset({WIDGETS + "textarea.html"})
# Options rendered one by one too: ``{% for radio in field %}{{ radio.tag }}`` (BoundWidget.tag).
FAST_TEMPLATES = INPUT_TEMPLATES | LIST_TEMPLATES | SELECT_TEMPLATES | TEXTAREA_TEMPLATES | OPTION_INPUT_TEMPLATES
# Every template whose markup is written below (the fast ones and what they include).
COPIED_TEMPLATES = tuple(
    sorted(
        FAST_TEMPLATES
        | OPTION_INPUT_TEMPLATES
        | {WIDGETS + name + ".html" for name in ("attrs", "input", "input_option", "multiple_input", "select_option")}
    )
)
# SHA-256 of COPIED_TEMPLATES as Django 5.2.19 ships them (``python -m home.formrender`` prints it).
WIDGET_TEMPLATES_DIGEST = "511973cc4364f0a539b197ccfbb67654742061867d463a2237d69d4fa3d5d37c"


def _django_templates_dir() -> Path:
    return Path(django.__file__).resolve().parent / "forms" / "templates"


def templates_digest() -> str:
    """SHA-256 over the names and contents of Django's copies of COPIED_TEMPLATES."""
    digest = hashlib.sha256()
    for name in COPIED_TEMPLATES:
        digest.update(name.encode() + b"\0" + (_django_templates_dir() / name).read_bytes() + b"\0")
    return digest.hexdigest()


@cache
def templates_unchanged() -> bool:
    """Whether Django's widget templates still say what the Python here writes (read once per process)."""
    try:
        return templates_digest() == WIDGET_TEMPLATES_DIGEST
    except OSError:
        return False


class _Slow(Exception):
    """The value needs the template engine (localisation): render the long way."""


def _text(value) -> str:
    """``{{ value }}`` for a text value; anything else (numbers, dates: localised) goes the long way."""
    if isinstance(value, str | Promise):
        return conditional_escape(value)
    raise _Slow


def _s(value) -> str:
    """``{{ value|stringformat:'s' }}`` (no localisation: stringformat makes it text first)."""
    if isinstance(value, str):
        return conditional_escape(value)
    return conditional_escape("%s" % (value,))  # noqa: UP031 - exactly what stringformat does


def _attrs(attrs: dict) -> str:
    """``django/forms/widgets/attrs.html``."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            parts.append(f" {_text(name)}")
        else:
            parts.append(f' {_text(name)}="{_s(value)}"')
    return "".join(parts)


def _input(widget: dict) -> str:
    """``input.html`` (with its trailing newline, as an include gives it)."""
    value = widget["value"]
    value_html = f' value="{_s(value)}"' if value is not None else ""
    return (
        f'<input type="{_text(widget["type"])}" name="{_text(widget["name"])}"{value_html}{_attrs(widget["attrs"])}>\n'
    )


def _input_option(option: dict) -> str:
    """``input_option.html``, as included by ``radio_option.html``/``checkbox_option.html``."""
    if option["template_name"] not in OPTION_INPUT_TEMPLATES:
        raise _Slow
    if not option.get("wrap_label"):
        return _input(option) + "\n"
    option_id = option["attrs"].get("id")
    label_for = f' for="{_text(option_id)}"' if option_id else ""
    return f"<label{label_for}>{_input(option)} {_text(option['label'])}</label>\n\n"


def _multiple_input(widget: dict) -> str:
    """``multiple_input.html`` (radio buttons, checkboxes)."""
    attrs = widget["attrs"]
    widget_id = attrs.get("id")
    css = attrs.get("class")
    parts = ["<div", f' id="{_text(widget_id)}"' if widget_id else "", f' class="{_text(css)}"' if css else "", ">"]
    for group, options, _index in widget["optgroups"]:
        if group:
            parts.append(f"\n  <div><label>{_text(group)}</label>")
        for option in options:
            parts.append(f"<div>\n    {_input_option(option)}</div>")
        if group:
            parts.append("\n  </div>")
    parts.append("\n</div>")
    return "".join(parts)


def _select(widget: dict) -> str:
    """``select.html`` with ``select_option.html`` for each option."""
    parts = [f'<select name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_text(group_name)}">')
        for option in group_choices:
            if option["template_name"] != WIDGETS + "select_option.html":
                raise _Slow
            value, attrs, label = _s(option["value"]), _attrs(option["attrs"]), _text(option["label"])
            parts.append(f'\n  <option value="{value}"{attrs}>{label}</option>\n')
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


def _textarea(widget: dict) -> str:
    value = widget["value"]
    body = _text(value) if value else ""
    return f'<textarea name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>\n{body}</textarea>'


class FastRenderer(DjangoTemplates):
    """Django's default form renderer, with the standard widgets written in Python (same output)."""

    @cached_property
    def fast(self) -> bool:
        """Whether every template written here is Django's own (no app overrides one) and unchanged."""
        django_dir = Path(django.__file__).resolve().parent
        return templates_unchanged() and all(
            Path(self.get_template(name).origin.name).resolve().is_relative_to(django_dir) for name in COPIED_TEMPLATES
        )

    def render(self, template_name, context, request=None):
        widget = context.get("widget") if isinstance(context, dict) else None
        if (
            widget is not None
            and template_name in FAST_TEMPLATES
            and self.fast
            and widget.get("template_name") == template_name
        ):
            try:
                if template_name in INPUT_TEMPLATES:
                    html = _input(widget)
                elif template_name in SELECT_TEMPLATES:
                    html = _select(widget)
                elif template_name in TEXTAREA_TEMPLATES:
                    html = _textarea(widget)
                elif template_name in OPTION_INPUT_TEMPLATES:
                    html = _input_option(widget)
                else:
                    html = _multiple_input(widget)
            except (_Slow, KeyError):
                pass
            else:
                # BaseRenderer.render strips what the template engine gives.
                return mark_safe(html.strip())  # noqa: S308 - every value above is escaped
        return super().render(template_name, context, request=request)


# One instance for the whole process: it keeps its template engine and its ``fast`` answer.
PUBLIC_RENDERER = FastRenderer()


class PublicForm(forms.Form, metaclass=FastCopyMetaclass):
    """Base of the public site's forms: rendered by ``PUBLIC_RENDERER``; each instance's fields copied by
    ``home.formcopy`` (as Django copies them, a third of the CPU)."""

    default_renderer = PUBLIC_RENDERER


if __name__ == "__main__":
    print(templates_digest())  # noqa: T201 - the value to record in WIDGET_TEMPLATES_DIGEST
