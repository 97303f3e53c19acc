"""Choice widgets of the queue's filters, each rendered once per process for the same choices and value.

The filter drawer is on every page of the queue: a dozen choice widgets, each
rendered through Django's form templates (an option template per choice) on
every request. Their HTML depends on nothing but the field name, the attributes,
the choices and the selected value, so it is kept under exactly those (the
choices themselves, not a name for them: a changed list of officers or topics
is a new key). A bounded number of entries; the oldest half is dropped when full.
"""

from __future__ import annotations

import threading

from django import forms
from django.utils.safestring import SafeString

MAX_ENTRIES = 512

_lock = threading.Lock()
_rendered: dict[tuple, SafeString] = {}


def _frozen(value) -> object:
    if isinstance(value, (list, tuple)):
        return tuple(_frozen(item) for item in value)
    if isinstance(value, dict):
        return tuple(sorted((str(key), _frozen(item)) for key, item in value.items()))
    return value if isinstance(value, (str, int, float, bool, type(None))) else repr(value)


def clear() -> None:
    with _lock:
        _rendered.clear()


class KeptChoiceMixin:
    def render(self, name, value, attrs=None, renderer=None):
        key = (
            type(self).__name__,
            type(renderer).__name__,
            name,
            _frozen(self.format_value(value)),
            _frozen(self.build_attrs(self.attrs, attrs)),
            _frozen([(option, str(label)) for option, label in self.choices]),
        )
        html = _rendered.get(key)
        if html is None:
            html = super().render(name, value, attrs, renderer)
            with _lock:
                if len(_rendered) >= MAX_ENTRIES:
                    for old in list(_rendered)[: MAX_ENTRIES // 2]:
                        del _rendered[old]
                _rendered[key] = html
        return html


# Named as Django's widgets: Wagtail's field wrapper takes a CSS class from the widget's class name
# (``w-field--checkbox_select_multiple``), which must stay as it was.


class Select(KeptChoiceMixin, forms.Select):
    pass


class RadioSelect(KeptChoiceMixin, forms.RadioSelect):
    pass


class CheckboxSelectMultiple(KeptChoiceMixin, forms.CheckboxSelectMultiple):
    pass
