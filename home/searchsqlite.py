"""The SQLite half of home.searchbackend: Wagtail's FTS5 backend over stems (imported on SQLite only:
Wagtail's SQLite search module needs its FTS model, which exists on SQLite only).

This is the one module that subclasses the internals of Wagtail's search
backend (django-modelsearch, which Wagtail 8 builds on): ``ObjectIndexer``,
``SQLiteIndex.add_items`` (copied: it names its indexer class directly) and the
query compilers.
"""

from __future__ import annotations

from functools import lru_cache, reduce

from django.db import connection
from django.db.models import FloatField, Func
from django.utils.functional import cached_property
from modelsearch.backends.database.sqlite import sqlite as wagtail_sqlite
from modelsearch.backends.database.sqlite.query import CombinedLexeme, Lexeme, SearchQueryExpression
from modelsearch.index import SearchField
from modelsearch.query import And, Not, Or, Phrase, PlainText
from modelsearch.utils import get_content_type_pk

from home.models.mixins import TITLE_BOOST
from home.searchtext import autocomplete_readings, autocomplete_text, folded_text, index_text, term


def _weighs_as_title(field) -> bool:
    """A search field that goes to the title's column: the title, and fields boosted as much (an act's number).

    FTS5 weighs columns, not fields (FTS_COLUMN_WEIGHTS): PostgreSQL weighs each field by its boost, so the
    fields it weighs as the title are indexed in the title's column here; the others, the search description
    too (weighed between the title and the text on PostgreSQL), are text.
    """
    return field.field_name == "title" or (field.boost or 0) >= TITLE_BOOST


class StemmedObjectIndexer(wagtail_sqlite.ObjectIndexer):
    def _texts(self, *, title: bool) -> str:
        texts = []
        for field in self.search_fields:
            for current_field, value in self.prepare_field(self.obj, field):
                if isinstance(current_field, SearchField) and _weighs_as_title(current_field) == title:
                    texts.append(value)
        return " ".join(texts)

    @cached_property
    def title(self):
        return index_text(self._texts(title=True))

    @cached_property
    def body(self):
        return index_text(self._texts(title=False))

    @cached_property
    def autocomplete(self):
        return folded_text(wagtail_sqlite.ObjectIndexer.autocomplete.func(self))


class StemmedSQLiteIndex(wagtail_sqlite.SQLiteIndex):
    def add_items(self, model, objs):
        # Wagtail's add_items with StemmedObjectIndexer in place of ObjectIndexer.
        if not model.get_search_fields():
            return
        indexers = [StemmedObjectIndexer(obj, self.backend) for obj in objs]
        if not indexers:
            return
        content_type_pk = get_content_type_pk(model)
        data = {indexer.id: (indexer.title, indexer.autocomplete, indexer.body) for indexer in indexers}
        entries = self.entries.filter(content_type_id=content_type_pk)
        indexed_ids = frozenset(entries.filter(object_id__in=data.keys()).values_list("object_id", flat=True))
        for object_id in indexed_ids:
            title, autocomplete, body = data[object_id]
            entries.filter(object_id=object_id).update(title=title, autocomplete=autocomplete, body=body)
        self.entries.bulk_create(
            wagtail_sqlite.IndexEntry(
                content_type_id=content_type_pk,
                object_id=object_id,
                title=title,
                autocomplete=autocomplete,
                body=body,
            )
            for object_id, (title, autocomplete, body) in data.items()
            if object_id not in indexed_ids
        )
        self._refresh_title_norms()


def _rewrite(query, normalise):
    """The query with the words of its plain texts and phrases normalised; None when no word is left."""
    if isinstance(query, PlainText):
        text = normalise(query.query_string)
        return PlainText(text, operator=query.operator, boost=query.boost) if text else None
    if isinstance(query, Phrase):
        text = normalise(query.query_string)
        return Phrase(text) if text else None
    if isinstance(query, (And, Or)):
        parts = [_rewrite(sub, normalise) for sub in query.subqueries]
        if isinstance(query, And):
            return None if any(p is None for p in parts) else And(parts)
        parts = [p for p in parts if p is not None]
        return Or(parts) if parts else None
    if isinstance(query, Not):
        inner = _rewrite(query.subquery, normalise)
        return Not(inner) if inner is not None else None
    return query  # MatchAll and the like: no words


class _NormalisingCompilerMixin:
    normalise = staticmethod(index_text)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        query = _rewrite(self.query, self.normalise)
        self.nothing_to_find = query is None
        self.query = self.query if query is None else query

    def search(self, config, start, stop, score_field=None):
        if self.nothing_to_find:
            # Only stop words or punctuation: PostgreSQL finds nothing for such a query either.
            return self.queryset.none()
        return super().search(config, start, stop, score_field=score_field)


# How a match ranks. modelsearch's SQLite compiler calls bm25() once per word and combines the values
# as it combines PostgreSQL's ranks: ``(1 + a) * (1 + b) - 1`` for «and», then times the title's
# length norm. bm25() is negative (lower is better) and already scores the row for the whole MATCH
# expression, so that product is not even monotonic (-0.5 and -1.5 give the same score) and the
# shortest title won: «Контакты» ranked first for «отчет», «личный прием», «интернет-приемная».
# Here a match ranks by one bm25() over the whole query, with the title weighing ten times the text
# (as PostgreSQL's backend weighs the title, boost 2, well above the text); bm25() takes the weights
# in the order of the table's columns, read from the table (autocomplete is not searched here).
FTS_COLUMN_WEIGHTS = {"autocomplete": 0.0, "body": 1.0, "title": 10.0}


@lru_cache(maxsize=4)
def _column_weights(table: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"PRAGMA table_info({table})")
        columns = [row[1] for row in cursor.fetchall()]
    return ", ".join(str(FTS_COLUMN_WEIGHTS.get(column, 0.0)) for column in columns)


class WeightedBM25(Func):
    output_field = FloatField()

    def as_sql(self, compiler, connection, function=None, template=None):
        table = wagtail_sqlite.SQLiteFTSIndexEntry._meta.db_table
        return f"bm25({table}, {_column_weights(table)})", []


class StemmedSearchQueryCompiler(_NormalisingCompilerMixin, wagtail_sqlite.SQLiteSearchQueryCompiler):
    def _build_rank_expression(self, vectors, config):
        return WeightedBM25()


class FoldedAutocompleteQueryCompiler(_NormalisingCompilerMixin, wagtail_sqlite.SQLiteAutocompleteQueryCompiler):
    """The admin's page search (Wagtail's autocomplete): every word typed is looked up in any of its forms as a
    prefix of the title's folded words (``searchtext.autocomplete_words``), so «личный прием» finds «График
    личного приёма» and «обращение» «…с обращениями», as on PostgreSQL (home/searchpg.py). Before, each word
    but the last had to be typed in the title's own form: «личный прием», «сургутский» found nothing."""

    normalise = staticmethod(autocomplete_text)

    def build_search_query_content(self, query, config=None):
        if not isinstance(query, PlainText):
            return super().build_search_query_content(query, config=config)
        connector = "AND" if query.operator.upper() == "AND" else "OR"
        readings = [
            reduce(lambda a, b: _Grouped(a, connector, b), [self._either(forms) for forms in words])
            for words in autocomplete_readings(query.query_string)
        ]
        if not readings:
            return None
        return SearchQueryExpression(reduce(lambda a, b: _Grouped(a, "OR", b), readings), config=config)

    @staticmethod
    def _either(forms):
        """One typed word: any of its forms, each a prefix or whole."""
        return reduce(
            lambda either, other: _Grouped(either, "OR", other),
            [Lexeme(term(form) or form if prefix else form, prefix=prefix) for form, prefix in forms],
        )


class _Grouped(CombinedLexeme):
    """Two lexemes combined in parentheses: modelsearch writes «a OR b AND c» unbracketed (AND binds first)."""

    def as_sql(self, compiler, connection):
        _, params = super().as_sql(compiler, connection)
        return "%s", [f"({params[0]})"]


class RussianSQLiteSearchBackend(wagtail_sqlite.SQLiteSearchBackend):
    query_compiler_class = StemmedSearchQueryCompiler
    autocomplete_query_compiler_class = FoldedAutocompleteQueryCompiler
    index_class = StemmedSQLiteIndex
