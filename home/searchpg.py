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
from django.db.models.sql.subqueries import InsertQuery
from modelsearch.backends.database.postgres.postgres import (
    IndexEntry,
    ObjectIndexer,
    PostgresAutocompleteQueryCompiler,
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)
from modelsearch.backends.database.postgres.query import Lexeme
from modelsearch.query import And, Or, PlainText
from modelsearch.utils import get_content_type_pk

from home.searchtext import autocomplete_readings, separate_numbers


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
        connector = and_ if query.operator == "and" else or_
        readings = [  # as typed, and as meant when typed with the Latin layout on
            reduce(
                connector,
                [
                    reduce(or_, [Lexeme(form, invert=invert, prefix=prefix) for form, prefix in forms])
                    for forms in words
                ],
            )
            for words in autocomplete_readings(query.query_string)
        ]
        if not readings:  # stop words only: PostgreSQL's own query for them finds nothing
            return super().build_tsquery_content(query, config=config, invert=invert)
        return SearchQuery(reduce(or_, readings), search_type="raw", config=config)


class NumberSeparatingIndexer(ObjectIndexer):
    """Texts as PostgreSQL should parse them: its parser reads «164/2006-ОЗ» as one file path, '164/2006-',
    so «164», «№ 164», «164-ОЗ» found no page citing a regional law (SQLite splits the number's parts)."""

    def prepare_value(self, value):
        return separate_numbers(super().prepare_value(value))


class NumberSeparatingIndex(PostgresIndex):
    def add_items(self, model, objs):
        # modelsearch's add_items (copied: it names its indexer class directly) with NumberSeparatingIndexer.
        if not model.get_search_fields():
            return
        indexers = [NumberSeparatingIndexer(obj, self.backend) for obj in objs]
        if not indexers:
            return
        content_type_pk = get_content_type_pk(model)
        compiler = InsertQuery(IndexEntry).get_compiler(connection=self.write_connection)
        rows, data_params = [], []
        for indexer in indexers:
            data_params.extend((content_type_pk, indexer.id))
            vectors = []
            for name in ("title", "autocomplete", "body"):
                value = compiler.prepare_value(IndexEntry._meta.get_field(name), getattr(indexer, name))
                sql, params = value.as_sql(compiler, self.write_connection)
                vectors.append(sql)
                data_params.extend(params)
            data_params.extend((indexer.title_text, indexer.body_text))
            rows.append(f"(%s, %s, {vectors[0]}, {vectors[1]}, {vectors[2]}, 1.0, %s, %s)")
        with self.write_connection.cursor() as cursor:
            cursor.execute(
                f"""
                INSERT INTO {IndexEntry._meta.db_table}
                    (content_type_id, object_id, title, autocomplete, body, title_norm, title_text, body_text)
                (VALUES {", ".join(rows)})
                ON CONFLICT (content_type_id, object_id)
                DO UPDATE SET title = EXCLUDED.title, title_norm = 1.0, autocomplete = EXCLUDED.autocomplete,
                              body = EXCLUDED.body, title_text = EXCLUDED.title_text, body_text = EXCLUDED.body_text
                """,
                data_params,
            )
        self._refresh_title_norms()


class RussianPostgresSearchBackend(PostgresSearchBackend):
    index_class = NumberSeparatingIndex
    query_compiler_class = WholeQueryRankCompiler
    autocomplete_query_compiler_class = StemmedPrefixAutocompleteCompiler

    def __init__(self, params):
        super().__init__(params)
        self.autocomplete_config = params.get("AUTOCOMPLETE_CONFIG", self.autocomplete_config)
