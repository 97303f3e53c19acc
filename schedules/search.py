"""Officials and the reception schedule in the site search: «Кузнецов», «Соколову», «заместитель по ЖКХ»,
«записаться на приём» (home/searchshortcuts.py).

An official's schedule is a sub-route of the schedule page, not a page of the index. Each active
official of the site's schedule is kept per process, content generation and half hour (their next
reception changes with the clock) as the words to match: the name's parts, and the stems of the
position and the department. An official is offered when a searched word names them (any case:
«Лебедевой» is Лебедева), or when all the searched words but one are words of their position or
department («приём заместителя по ЖКХ»: two of three), so «заместитель» lists every deputy and
«приём» lists none.

The schedule itself (where residents sign up) is offered for a sign-up: when every searched word is one
of SCHEDULE_WORDS and one of them is «запись» in any form (or «график»), or there are two of them
(«приём граждан», «личный приём»): «записаться на приём», «запись на прием». «приём» alone is every
thematic reception too.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache

from django.contrib.contenttypes.models import ContentType
from django.utils import dateformat, timezone

from home import searchtext, textformat
from home.now import clock_slice
from home.pagecache import fragments
from home.searchshortcuts import SearchShortcut
from schedules import selectors
from schedules.models import EventPage, ReceptionSchedulePage

# Name hits come before position hits; among those, the official's place in the schedule decides.
NAME_HIT_RANK = 0
POSITION_HIT_RANK = 100
SCHEDULE_RANK = 60  # after the status lookup, before officials found by their position

# What residents type for the schedule; one of SCHEDULE_OWN_WORDS, or two words, must be among the searched words.
SCHEDULE_WORDS = "запись приём личный граждан гражданин жителей график руководство руководитель глава администрация"
SCHEDULE_OWN_WORDS = "запись график"
SCHEDULE_DESCRIPTION = "Когда принимают руководители администрации и как записаться на приём."


@dataclass(frozen=True)
class _Entry:
    names: tuple[str, ...]
    terms: frozenset[str]
    order: int
    shortcut: SearchShortcut

    def rank(self, words: list[list[str]]) -> int | None:
        """How this official ranks for the searched words; None: not offered."""
        if any(searchtext.name_matches(word, name) for word in words for name in self.names):
            return NAME_HIT_RANK + self.order
        hits = sum(searchtext.word_matches(word, self.terms) for word in words)
        if hits and hits >= len(words) - 1:
            return POSITION_HIT_RANK + self.order
        return None


def _next_reception(official, *, today) -> str:
    row = selectors.schedule_row(official, today=today, count=1, notices_days=0)
    if not row.next_dates:
        return ""
    day = row.next_dates[0]
    when = dateformat.format(day.date, "j E, l").lower()
    # As the schedule and the home page write it: «9:00», not «09:00».
    hours = textformat.time_range(day.time_from, day.time_to)
    # And, as the schedule says, a moved or other-place reception and the deputy who holds it.
    text = ", ".join((f"Ближайший приём: {when}", hours, *day.marks))
    return f"{text}. {day.deputy_line}" if day.deputy is not None else text


def _entries(site_root) -> list[_Entry]:
    schedule = ReceptionSchedulePage.objects.on_site().descendant_of(site_root).first()
    if schedule is None:
        return []
    today = timezone.localdate()
    entries = []
    for order, official in enumerate(selectors.active_officials()):
        shortcut = SearchShortcut(
            title=official.full_name,
            url=schedule.official_url(official),
            description=official.position,
            detail=_next_reception(official, today=today),
        )
        names = tuple(name for name in (official.surname, official.first_name, official.patronymic) if name)
        terms = searchtext.text_terms(f"{official.position} {official.department}")
        entries.append(_Entry(names=names, terms=terms, order=order, shortcut=shortcut))
    return entries


@cache
def _schedule_terms() -> tuple[frozenset[str], frozenset[str]]:
    """Every word that may be searched for the schedule, and those that name it alone."""
    own = frozenset(searchtext.term(form) for word in searchtext.query_words(SCHEDULE_OWN_WORDS) for form in word)
    return searchtext.text_terms(SCHEDULE_WORDS), own


def _schedule_shortcut(site_root) -> SearchShortcut | None:
    schedule = ReceptionSchedulePage.objects.on_site().descendant_of(site_root).first()
    if schedule is None:
        return None
    return SearchShortcut(
        title=schedule.title, url=schedule.url or "", description=SCHEDULE_DESCRIPTION, rank=SCHEDULE_RANK
    )


def schedule_shortcuts(*, words: list[list[str]], site_root) -> list[SearchShortcut]:
    terms, own = _schedule_terms()
    if not all(searchtext.word_matches(word, terms) for word in words):
        return []
    if len(words) < 2 and not any(searchtext.word_matches(word, own) for word in words):
        return []
    shortcut = fragments.kept(("search-schedule", site_root.pk), lambda: _schedule_shortcut(site_root))
    return [shortcut] if shortcut is not None else []


def official_shortcuts(*, words: list[list[str]], site_root) -> list[SearchShortcut]:
    entries = fragments.kept(("search-officials", site_root.pk, clock_slice()), lambda: _entries(site_root))
    found = []
    for entry in entries:
        rank = entry.rank(words)
        if rank is not None:
            found.append(replace(entry.shortcut, rank=rank))
    return found


def shortcuts(*, query: str, words: list[list[str]], site_root) -> list[SearchShortcut]:
    """What the schedule offers for a search: the officials it names, and the schedule for a sign-up."""
    return official_shortcuts(words=words, site_root=site_root) + schedule_shortcuts(words=words, site_root=site_root)


def event_snippets(*, pages) -> dict[int, str]:
    """The text of each event among ``pages`` for its search result (home/searchpage.py, the hook
    ``portal_search_snippets``): what and when, then who hosts it and its description. One query for all.

    Events are written without a search description: their results had no text under the title.
    """
    event_type = ContentType.objects.get_for_model(EventPage).pk  # Django keeps it per process
    ids = [page.pk for page in pages if page.content_type_id == event_type]
    if not ids:
        return {}
    events = EventPage.objects.filter(pk__in=ids).only(
        "kind", "date", "time_from", "time_to", "cancelled", "hosts", "body"
    )
    return {event.pk: _event_text(event) for event in events}


def _event_text(event) -> str:
    from schedules.feeds import plain_text

    when = f"{dateformat.format(event.date, 'j E Y')}, {textformat.time_range(event.time_from, event.time_to)}"
    state = " Мероприятие отменено." if event.cancelled else ""
    hosts = event.hosts.strip()
    hosts = hosts if not hosts or hosts.endswith((".", "!", "?")) else hosts + "."
    parts = [f"{event.get_kind_display()}, {when}.{state}", hosts, plain_text(event.body)]
    return " ".join(part for part in parts if part)
