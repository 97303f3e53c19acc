"""Reads whose SQL the ORM compiles once per process: for the few queries every visit of a hot page repeats.

Compiling a queryset costs more CPU than running it (a resident's status page: 0.3 ms of compiling against
0.08 ms for the statement, twice per view, ``bench/visit_profile.py``). ``PreparedRead`` wraps a function that
builds the queryset from its values; the first call compiles it and notes where each value went among the
statement's parameters, later calls run the same SQL with the new values through ``Model.objects.raw``, which
gives the model's instances (deferred fields as in the queryset, annotations as attributes). A value the ORM
changes on its way into the statement, or one that appears twice, cannot be placed: such a read simply runs
the queryset every time. Only for reads whose shape never changes with the values (no ``if`` on them in
the builder).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import router
from django.db.models import Model, QuerySet


def _position(params: tuple, value) -> int | None:
    """Where ``value`` is among the parameters; None when it is not there exactly once (same type, same value)."""
    found = [index for index, param in enumerate(params) if type(param) is type(value) and param == value]
    return found[0] if len(found) == 1 else None


class PreparedRead:
    """``PreparedRead(lambda pk: Model.objects.filter(pk=pk))(42)``: the rows as model instances, a list.

    Once compiled, a call does not build the queryset at all (building it was half of what was left): the
    model and its database are those of the first queryset. A builder that names its database itself
    (``.using()``, a router that looks at more than the model) is built and run every time.
    """

    def __init__(self, build: Callable[..., QuerySet]):
        self.build = build
        self.model: type[Model] | None = None
        self._routed = True  # the queryset reads from the router's database for the model
        self._compiled: dict[str, tuple[str, tuple[int, ...], tuple] | None] = {}  # per database alias

    def __call__(self, *values: Any) -> list[Model]:
        alias = router.db_for_read(self.model) if self.model is not None and self._routed else None
        compiled = self._compiled.get(alias)
        if compiled is None:
            return self._build_and_run(values)
        return self._run(compiled, alias, values)

    def _build_and_run(self, values: tuple) -> list[Model]:
        """The first call (or one that cannot use the kept SQL): build the queryset, compile it once per database."""
        queryset = self.build(*values)
        alias = queryset.db
        if self.model is None:
            self.model, self._routed = queryset.model, alias == router.db_for_read(queryset.model)
        if alias not in self._compiled:
            self._compiled[alias] = self._compile(queryset, values)
        compiled = self._compiled[alias]
        if compiled is None or not self._routed:
            return list(queryset)
        return self._run(compiled, alias, values)

    def _run(self, compiled: tuple, alias: str, values: tuple) -> list[Model]:
        sql, positions, params = compiled
        params = list(params)
        for position, value in zip(positions, values, strict=True):
            params[position] = value
        return list(self.model.objects.db_manager(alias).raw(sql, params))

    @staticmethod
    def _compile(queryset: QuerySet, values: tuple) -> tuple[str, tuple[int, ...], tuple] | None:
        sql, params = queryset.query.sql_with_params()
        positions = tuple(_position(params, value) for value in values)
        if None in positions or len(set(positions)) != len(positions):
            return None
        return sql, positions, tuple(params)
