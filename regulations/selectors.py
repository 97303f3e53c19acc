"""Reads of the regulations: the filtered list of acts with its counts, an act's links and amendments.

Public pages have a budget of 12 queries, most of which the site's frame takes
(site, routing, settings, menus), so each read here is a single query whatever
the number of rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery

from home.pagecache import fragments
from home.searchtext import from_latin_layout
from regulations import naming, search
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


@dataclass(frozen=True)
class ActFilters:
    kind: str = ""
    status: str = ""  # STATUS_CURRENT or a Status value
    year: int | None = None
    order: str = ORDER_NEWEST
    q: str = ""  # the search as typed: its dates, numbers and words must all be the act's (regulations.search)

    @property
    def active(self) -> bool:
        return bool(self.kind or self.status or self.year or self.q)

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
    """The acts under the index that are on the site (``home.onsite``; the index is the page served)."""
    return RegulationPage.objects.on_site(below=index_page).child_of(index_page).select_related("replaced_by")


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


@dataclass(frozen=True)
class SearchEntry:
    """One act as the text search sees it: the filters' values and its text."""

    pk: int
    year: int
    kind: str
    status: str
    text: search.ActText


def _search_entries(acts: QuerySet) -> list[SearchEntry]:
    """Every act of ``acts`` with its full name as printed, its kind and its amendments' numbers and dates.

    One query: a row per act and amendment (an act without amendments: one row, with None).
    """
    from regulations.models import Kind

    labels = dict(Kind.choices)
    fields = ("pk", "date", "kind", "status", "title", "number", "issuer_in_name")
    acts_by_pk: dict[int, tuple] = {}
    amendments: dict[int, list[str]] = {}
    for *row, amendment_number, amendment_date in acts.order_by().values_list(
        *fields, "amendments__number", "amendments__date"
    ):
        acts_by_pk.setdefault(row[0], tuple(row))
        if amendment_number:
            when = f" от {amendment_date:%d.%m.%Y}" if amendment_date else ""
            amendments.setdefault(row[0], []).append(f"№ {amendment_number}{when}")
    entries = []
    for pk, day, kind, status, title, number, issuer in acts_by_pk.values():
        name = naming.full_name(kind=kind, issuer=issuer, day=day, number=number, title=title)
        text = search.act_text(texts=[str(labels.get(kind, "")), name], amendments=amendments.get(pk, []))
        entries.append(SearchEntry(pk=pk, year=day.year, kind=kind, status=status, text=text))
    return entries


@dataclass(frozen=True)
class TextMatches:
    pks: list[int]
    with_typos: bool = False  # nothing was found as typed: these hold the words with a typo allowed
    # Nothing was found as typed: the search was typed with the Latin layout on, and these acts hold it
    # as typed with the Russian one (this text: «j gjhzlrt» for «о порядке»).
    relaid: str = ""


def text_matches(acts: QuerySet, filters: ActFilters, *, key) -> TextMatches:
    """The acts that hold every date, number and word of the search (and meet the filters).

    Compared in Python, the same on SQLite and PostgreSQL (regulations.search): a municipality's acts
    number in the hundreds, read once per process and content generation under ``key`` (what ``acts``
    are: the list's page, or None for every public act). A search that finds nothing is tried again as
    typed with the Russian layout (``searchtext.from_latin_layout``), then with a typo allowed in its
    long words. The site search (``/search/``) searches the texts of acts too.
    """
    entries = fragments.kept(("regulations.search", key), lambda: _search_entries(acts))
    entries = [e for e in entries if filters.matches(year=e.year, kind=e.kind, status=e.status)]
    found = _found(entries, filters.q)
    relaid = from_latin_layout(filters.q)
    if found.pks or relaid is None:
        return found
    in_layout = _found(entries, relaid)
    return replace(in_layout, relaid=relaid) if in_layout.pks else found


def _found(entries: list[SearchEntry], text: str) -> TextMatches:
    reading = search.read(text)
    found = [entry.pk for entry in entries if search.matches(reading, entry.text)]
    if found or not search.may_have_typos(reading):
        return TextMatches(pks=found)
    return TextMatches(
        pks=[entry.pk for entry in entries if search.matches(reading, entry.text, typos=True)], with_typos=True
    )


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
        RegulationPage.objects.on_site()
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
    """Every act on the site under ``filters`` (the API), in the list's order."""
    acts = RegulationPage.objects.on_site().select_related("replaced_by")
    listed = filters.apply(acts)
    if filters.q:
        listed = listed.filter(pk__in=text_matches(acts, filters, key=None).pks)
    return list(listed)
