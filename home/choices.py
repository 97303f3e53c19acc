"""Choices a form builds on every request, handed to Django already in its normal form.

Setting a ``ChoiceField``'s choices runs ``django.utils.choices.normalize_choices`` over every pair, and each
form copies its fields (and their choices) when it is built: the appeal form's lists of addressees and topics,
built four times per resident's visit, spent more CPU there than on anything else of the form's set-up
(``bench/visit_profile.py``). ``FixedChoices`` is a ``BaseChoiceIterator`` (Django's public type for choices
it must leave as they are) over a tuple of ``(value, label)`` pairs: ``normalize_choices`` returns it
untouched, and a copy of a field shares it, as nothing changes it.
"""

from __future__ import annotations

from django.utils.choices import BaseChoiceIterator


class FixedChoices(BaseChoiceIterator):
    """Plain ``(value, label)`` pairs (no groups, labels already text), read-only."""

    def __init__(self, pairs):
        self.pairs = tuple(pairs)

    def __iter__(self):
        return iter(self.pairs)

    def __len__(self) -> int:
        return len(self.pairs)

    def __bool__(self) -> bool:
        return bool(self.pairs)

    def __copy__(self) -> FixedChoices:
        return self  # immutable: shared by every copy of the field

    def __deepcopy__(self, memo) -> FixedChoices:
        return self
