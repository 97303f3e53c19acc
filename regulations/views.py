"""Template context of the list of acts and of an act's page (the pages call these from get_context)."""

from __future__ import annotations

from django.conf import settings
from django.template.loader import get_template

from home import jsonld, wagtail_compat
from home.lean import ChildUrls
from home.pagecache import fragments
from regulations import selectors
from regulations.forms import RegulationFilterForm
from regulations.models import RegulationPage, Status

DEFAULT_PER_PAGE = 25

LEGAL_FORCE = {
    Status.IN_FORCE: "https://schema.org/InForce",
    Status.AMENDED: "https://schema.org/InForce",
    Status.REPEALED: "https://schema.org/NotInForce",
}


def per_page() -> int:
    return getattr(settings, "REGULATIONS_PER_PAGE", DEFAULT_PER_PAGE)


def index_context(page, request) -> dict:
    acts = selectors.acts_of(page)
    # The year list and the counts change only with published acts (a new content generation): kept per process.
    counts = fragments.kept(("regulations.facets", page.pk), lambda: selectors.facets(acts))
    form = RegulationFilterForm(request.GET or None, years=counts.years)
    filters = form.filters()
    listed = filters.apply(acts).only(
        *selectors.LIST_FIELDS, *(f"replaced_by__{name}" for name in selectors.LIST_FIELDS)
    )
    found = selectors.TextMatches(pks=[])
    if filters.q:
        found = selectors.text_matches(acts, filters, key=page.pk)
        listed, count = listed.filter(pk__in=found.pks), len(found.pks)
    else:
        count = counts.count(filters)
    paginator = selectors.CountedPaginator(listed, per_page(), count=count)
    # get_page() never fails: a non-number gives the first page, a number past the end the last one.
    acts_page = paginator.get_page(request.GET.get("page"))
    # The links are computed here, from the list's URL, not by {% pageurl %} per act.
    acts_page.object_list = list(acts_page.object_list)
    page_url = page.get_url(request)
    return {
        "cards": _cards(page, request, page_url, acts_page.object_list),
        "form": form,
        "filters": filters,
        "filtered": filters.active,
        "acts": acts_page,
        "count": paginator.count,
        "with_typos": found.with_typos and bool(paginator.count),
        "relaid": found.relaid if paginator.count else "",
        "has_unknown_values": form.is_bound and bool(form.errors),
        "show_reset": any(request.GET.get(name) for name in form.fields),
    }


def _cards(page, request, page_url: str, acts: list) -> list[str]:
    """The list items of these acts, each rendered once per process and generation of public content
    (``fragments.kept``: a dict filled as the list's pages ask for items)."""
    kept = fragments.kept(("regulations.act_cards", page.pk, page_url), dict)
    missing = [act for act in acts if act.pk not in kept]
    if missing:
        template = get_template("regulations/includes/act_card.html")
        act_url = ChildUrls(page, page_url, request)
        for act in missing:
            act.href = act_url(act)
            if act.replaced_by is not None:
                act.replaced_by.href = act_url(act.replaced_by)
            kept[act.pk] = template.render({"act": act})
    return [kept[act.pk] for act in acts]


def json_ld(act: RegulationPage, request, *, links: selectors.ActLinks, document) -> str:
    """schema.org Legislation, as the body of a JSON-LD <script>."""
    data = {
        "@context": "https://schema.org",
        "@type": "Legislation",
        "name": act.full_name,
        "alternateName": act.title,
        "legislationIdentifier": act.number,
        "legislationDate": act.date.isoformat(),
        "legislationType": act.get_kind_display(),
        "legislationPassedBy": {"@type": "GovernmentOrganization", "name": act.issuing_body},
        "legislationLegalForce": LEGAL_FORCE.get(act.status, LEGAL_FORCE[Status.IN_FORCE]),
        "inLanguage": "ru",
        "url": act.get_full_url(request),
    }
    if document is not None:
        data["encoding"] = {
            "@type": "MediaObject",
            "contentUrl": request.build_absolute_uri(document.url),
            "encodingFormat": document.content_type,
        }
    if links.replaces:
        data["legislationChanges"] = [{"@type": "Legislation", "name": other.full_name} for other in links.replaces]
    return jsonld.json_ld(data)


def _linked_acts(act: RegulationPage, act_url) -> tuple[selectors.ActLinks, list[selectors.AmendmentRow]]:
    """The act's linked acts (each with ``href``) and its amendments: two queries."""
    links = selectors.act_links(act)
    for other in {id(o): o for o in [links.replaced_by, *links.replaces, *links.related] if o is not None}.values():
        other.href = act_url(other)
    return links, selectors.amendments_of(act)


def act_context(act: RegulationPage, request) -> dict:
    document = act.document if act.document_id else None
    # Linked acts usually sit beside this one, under the same list: their links from the list's URL.
    parent = wagtail_compat.cached_parent(act)  # left by the routing, no query
    if parent is not None:
        parent_url = parent.get_url(request)
        act_url = ChildUrls(parent, parent_url, request)
        # Kept per process until public content changes; never changed once built (the hrefs are set inside).
        links, amendments = fragments.kept(
            ("regulations.act_links", act.pk, parent_url), lambda: _linked_acts(act, act_url)
        )
    else:
        links, amendments = _linked_acts(act, lambda other: other.get_url(request) or "")
    return {
        "links": links,
        "amendments": amendments,
        "document": document,
        "json_ld": json_ld(act, request, links=links, document=document),
    }
