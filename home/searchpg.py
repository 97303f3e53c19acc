"""The site's search on PostgreSQL: modelsearch's database backend, ranked once per query instead of once per word.

modelsearch ranks an ``And``/``Or`` query by ranking every word apart and
combining the ranks (a product for «and», a mean for «or»): for the site
search, where each word is also looked up in its other forms («приём» as
«приёма», «граждан» as «граждане» and «гражданин»), that is ten ``ts_rank``
expressions for two words, and compiling them was a third of the search page's
CPU. Here the query is ranked as a whole by PostgreSQL's ``ts_rank`` (one
expression per indexed vector: title and body), which is how PostgreSQL's own
documentation ranks a multi-word query. What matches is unchanged: only the
order among the matches can differ.
"""

from __future__ import annotations

from functools import reduce
from operator import and_, or_

from django.contrib.postgres.search import SearchQuery, SearchRank
from modelsearch.backends.database.postgres.postgres import (
    PostgresAutocompleteQueryCompiler,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)
from modelsearch.backends.database.postgres.query import Lexeme
from modelsearch.query import And, Or, PlainText

from home.searchtext import autocomplete_words


class WholeQueryRankCompiler(PostgresSearchQueryCompiler):
    def build_tsrank(self, vector, query, config=None, boost=1.0):
        if isinstance(query, And | Or):
            rank = SearchRank(vector, self.build_tsquery(query, config=config), weights=self.sql_weights)
            return rank * boost if boost != 1.0 else rank
        return super().build_tsrank(vector, query, config=config, boost=boost)


class StemmedPrefixAutocompleteCompiler(PostgresAutocompleteQueryCompiler):
    """The admin's page search: every word is a prefix, stemmed by the autocomplete configuration («russian»,
    ``AUTOCOMPLETE_CONFIG``), which also folds «ё»: «личный прием» finds «График личного приёма». modelsearch
    takes only the last word as a prefix and indexes titles with «simple» (no word forms, no «ё» folding)."""

    def build_tsquery_content(self, query, config=None, invert=False):
        if not isinstance(query, PlainText):
            return super().build_tsquery_content(query, config=config, invert=invert)
        words = [
            reduce(or_, [Lexeme(form, invert=invert, prefix=prefix) for form, prefix in forms])
            for forms in autocomplete_words(query.query_string)
        ]
        if not words:  # stop words only: PostgreSQL's own query for them finds nothing
            return super().build_tsquery_content(query, config=config, invert=invert)
        lexemes = reduce(and_ if query.operator == "and" else or_, words)
        return SearchQuery(lexemes, search_type="raw", config=config)


class RussianPostgresSearchBackend(PostgresSearchBackend):
    query_compiler_class = WholeQueryRankCompiler
    autocomplete_query_compiler_class = StemmedPrefixAutocompleteCompiler

    def __init__(self, params):
        super().__init__(params)
        self.autocomplete_config = params.get("AUTOCOMPLETE_CONFIG", self.autocomplete_config)
