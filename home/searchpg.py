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

from django.contrib.postgres.search import SearchRank
from modelsearch.backends.database.postgres.postgres import PostgresSearchBackend, PostgresSearchQueryCompiler
from modelsearch.query import And, Or


class WholeQueryRankCompiler(PostgresSearchQueryCompiler):
    def build_tsrank(self, vector, query, config=None, boost=1.0):
        if isinstance(query, And | Or):
            rank = SearchRank(vector, self.build_tsquery(query, config=config), weights=self.sql_weights)
            return rank * boost if boost != 1.0 else rank
        return super().build_tsrank(vector, query, config=config, boost=boost)


class RussianPostgresSearchBackend(PostgresSearchBackend):
    query_compiler_class = WholeQueryRankCompiler
