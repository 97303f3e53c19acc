"""Reads of the regulations: the filtered list of acts with its counts, an act's links and amendments.

Public pages have a budget of 12 queries, most of which the site's frame takes
(site, routing, settings, menus), so each read here is a single query whatever
the number of rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery

from home.searchtext import fold, index_terms, word_variants
from regulations.models import (
    CURRENT_STATUSES,
    RegulationAmendment,
    RegulationPage,
    RegulationRelatedAct,
)

# Values of the status filter: every act in force (in any wording), or one status.
STATUS_CURRENT = "current"
ORDER_NEWEST = "new"
ORDER_OLDEST = "old"


def search_words(text: str) -> tuple[str, ...]:
    """The words of a search in the list, as compared: case-folded, «ё» as «е», without «№» and quotes."""
    cleaned = fold(text)
    for mark in "№«»\"'":
        cleaned = cleaned.replace(mark, " ")
    return tuple(cleaned.split())


@dataclass(frozen=True)
class ActFilters:
    kind: str = ""
    status: str = ""  # STATUS_CURRENT or a Status value
    year: int | None = None
    order: str = ORDER_NEWEST
    words: tuple[str, ...] = ()  # every word must be in the act's name, number or issuing body (word_matches)

    @property
    def active(self) -> bool:
        return bool(self.kind or self.status or self.year or self.words)

    def _status_q(self) -> Q:
        if self.status == STATUS_CURRENT:
            return Q(status__in=CURRENT_STATUSES)
        return Q(status=self.status) if self.status else Q()

    def apply(self, queryset: QuerySet) -> QuerySet:
        if self.kind:
            queryset = queryset.filter(kind=self.kind)
        queryset = queryset.filter(self._status_q())
        if self.year:
            queryset = queryset.filter(date__year=self.year)
        if self.order == ORDER_OLDEST:
            return queryset.order_by("date", "title", "pk")
        return queryset.order_by("-date", "title", "pk")

    def matches(self, *, year: int, kind: str, status: str) -> bool:
        """The same conditions as apply(), for one group of acts counted by facets()."""
        if self.kind and kind != self.kind:
            return False
        if self.status == STATUS_CURRENT and status not in CURRENT_STATUSES:
            return False
        if self.status and self.status != STATUS_CURRENT and status != self.status:
            return False
        return not (self.year and year != self.year)


def acts_of(index_page) -> QuerySet:
    """The published acts under the index, with what the list shows.

    Acts have no children, so a view restriction that hides an act but not the
    index sits on the act itself: excluded here within the same query (no
    separate query for every restriction of the site, as ``.public()`` makes).
    """
    return (
        RegulationPage.objects.live()
        .child_of(index_page)
        .exclude(view_restrictions__isnull=False)
        .select_related("replaced_by")
    )


# What lists and links of acts show (the list, the linked acts of an act): the rest of a page's
# ~30 columns is never read there.
LIST_FIELDS = ("title", "slug", "url_path", "live", "kind", "issuer_in_name", "date", "number", "status", "replaced_by")


@dataclass(frozen=True)
class Facets:
    """How many acts there are by year, kind and status: one grouped query for the year list and the count."""

    groups: list[tuple[int, str, str, int]]

    @property
    def years(self) -> list[int]:
        return sorted({year for year, _, _, _ in self.groups}, reverse=True)

    def count(self, filters: ActFilters) -> int:
        return sum(n for year, kind, status, n in self.groups if filters.matches(year=year, kind=kind, status=status))


def facets(acts: QuerySet) -> Facets:
    rows = acts.order_by().values_list("date__year", "kind", "status").annotate(n=Count("pk"))
    return Facets(groups=[tuple(row) for row in rows])


def word_matches(word: str, *, text: str, stems: frozenset[str]) -> bool:
    """A searched word is in a text (both folded) as a part of a word or in another form of it.

    «обращени» finds «обращениями» (a part), «обращение» finds «обращений»
    (the same stem, as the site search matches words: home.searchtext).
    """
    for variant in word_variants(word):
        if variant in text:
            return True
        terms = index_terms(variant)
        if terms and stems.issuperset(terms):
            return True
    return False


def text_matches(acts: QuerySet, filters: ActFilters) -> list[int]:
    """The acts whose name, number or issuing body hold every word of the search (and meet the filters).

    Compared in Python, the same on SQLite and PostgreSQL (SQLite folds the
    case of Latin letters only): one query of a few short columns, and a
    municipality's acts number in the hundreds. The site search
    (``/search/``) searches the texts of acts too.
    """
    from regulations.models import Kind

    labels = dict(Kind.choices)
    found = []
    rows = acts.order_by().values_list("pk", "date__year", "kind", "status", "title", "number", "issuer_in_name")
    for pk, year, kind, status, *texts in rows:
        if not filters.matches(year=year, kind=kind, status=status):
            continue
        raw = " ".join([str(labels.get(kind, "")), *(t or "" for t in texts)])
        text = " ".join(search_words(raw))
        stems = frozenset(index_terms(raw))
        if all(word_matches(word, text=text, stems=stems) for word in filters.words):
            found.append(pk)
    return found


class CountedPaginator(Paginator):
    """A paginator told its count (from the facets), so that it does not ask the database again."""

    def __init__(self, object_list, per_page, *, count: int):
        super().__init__(object_list, per_page)
        self.__dict__["count"] = count


@dataclass
class ActLinks:
    """Acts linked to one act, each live act once."""

    replaced_by: RegulationPage | None = None
    replaces: list[RegulationPage] = field(default_factory=list)
    related: list[RegulationPage] = field(default_factory=list)


def act_links(act: RegulationPage) -> ActLinks:
    """The replacing and replaced acts and the related acts both ways, in one query.

    Related acts: first those the act links to, in the editor's order, then the
    acts that link to it, newest first.
    """
    outgoing_order = RegulationRelatedAct.objects.filter(page=act.pk, act=OuterRef("pk")).values("sort_order")[:1]
    incoming = RegulationRelatedAct.objects.filter(page=OuterRef("pk"), act=act.pk)
    linked = Q(replaced_by=act.pk) | Q(link_order__isnull=False) | Q(links_here=True)
    if act.replaced_by_id:
        linked |= Q(pk=act.replaced_by_id)
    others = list(
        RegulationPage.objects.live()
        .exclude(pk=act.pk)
        .annotate(link_order=Subquery(outgoing_order), links_here=Exists(incoming))
        .filter(linked)
        .only(*LIST_FIELDS)
        .order_by("-date", "pk")
    )
    links = ActLinks()
    for other in others:
        if other.pk == act.replaced_by_id:
            links.replaced_by = other
        if other.replaced_by_id == act.pk:
            links.replaces.append(other)
    outgoing = sorted((o for o in others if o.link_order is not None), key=lambda o: (o.link_order, o.pk))
    links.related = outgoing + [o for o in others if o.link_order is None and o.links_here]
    return links


@dataclass(frozen=True)
class AmendmentRow:
    name: str
    amendment: RegulationAmendment


def amendments_of(act: RegulationPage) -> list[AmendmentRow]:
    """The act's amendments, oldest first, each with its official name (one query)."""
    amendments = RegulationAmendment.objects.filter(page=act.pk).order_by("date", "sort_order", "pk")
    return [AmendmentRow(name=amendment.full_name_for(act), amendment=amendment) for amendment in amendments]


def public_acts(filters: ActFilters) -> list[RegulationPage]:
    """Every live, public act of the site under ``filters`` (the API), in the list's order."""
    acts = RegulationPage.objects.live().exclude(view_restrictions__isnull=False).select_related("replaced_by")
    listed = filters.apply(acts)
    if filters.words:
        listed = listed.filter(pk__in=text_matches(acts, filters))
    return list(listed)
