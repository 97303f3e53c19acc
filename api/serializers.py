"""What the API says about each public thing: plain JSON-ready dicts, the same facts as the public pages show.

Nothing personal: officials by their public name and position only; events,
acts and reports as published; statistics after disclosure control
(``reports.public_statistics``); topics as the appeal form lists them.
"""

from __future__ import annotations

import json
from datetime import time

from reports import opendata


def _time(value: time | None) -> str | None:
    return value.strftime("%H:%M") if value else None


def _place(place) -> dict | None:
    if place is None:
        return None
    return {"title": place.title, "address": place.address, "room": place.room or None}


def topic_ref(topic) -> dict | None:
    return None if topic is None else {"id": topic.pk, "title": topic.title}


def event(item, *, request) -> dict:
    return {
        "id": item.pk,
        "title": item.title,
        "kind": item.kind,
        "kind_label": item.get_kind_display(),
        "date": item.date.isoformat(),
        "time_from": _time(item.time_from),
        "time_to": _time(item.time_to),
        "topic": topic_ref(item.topic),
        "places": [_place(place) for place in item.places.all()],
        "hosts": item.hosts or None,
        "stream_url": item.stream_url or None,
        "cancelled": item.cancelled,
        "previous_date": item.previous_date.isoformat() if item.moved else None,
        "change_note": item.change_note or None,
        "url": item.get_full_url(request),
    }


def _occurrence(occurrence) -> dict:
    deputy = occurrence.deputy
    return {
        "date": occurrence.date.isoformat(),
        "time_from": _time(occurrence.time_from),
        "time_to": _time(occurrence.time_to),
        "place": _place(occurrence.place),
        "moved_from": occurrence.moved_from.isoformat() if occurrence.moved_from else None,
        "deputy": None if deputy is None else {"name": deputy.full_name, "position": deputy.position},
    }


def official(row) -> dict:
    person = row.official
    return {
        "id": person.pk,
        "slug": person.slug,
        "name": person.full_name,
        "position": person.position,
        "department": person.department or None,
        "online_signup": row.online_signup,
        "next_receptions": [_occurrence(occurrence) for occurrence in row.next_dates],
    }


def _act_ref(act, *, request) -> dict:
    return {"id": act.pk, "title": act.full_name, "url": act.get_full_url(request)}


def regulation(act, *, request) -> dict:
    return {
        "id": act.pk,
        "title": act.title,
        "full_name": act.full_name,
        "kind": act.kind,
        "kind_label": act.get_kind_display(),
        "number": act.number or None,
        "date": act.date.isoformat(),
        "issuing_body": act.issuing_body,
        "status": act.status,
        "status_label": act.get_status_display(),
        "in_force_from": act.in_force_from.isoformat() if act.in_force_from else None,
        "replaced_by": _act_ref(act.replaced_by, request=request) if act.replaced_by_id else None,
        "url": act.get_full_url(request),
    }


def _period(period) -> dict:
    return {
        "kind": period.kind,
        "label": period.label,
        "start": period.start.isoformat(),
        "end": period.end.isoformat(),
    }


def report_summary(page, *, request, api_url: str) -> dict:
    return {
        "id": page.pk,
        "title": page.title,
        "organisation": page.organisation,
        "period": _period(page.period),
        "url": page.get_full_url(request),
        "api_url": api_url,
    }


def report_table(kind: str, slug: str, export: opendata.TableExport) -> dict:
    """A table in the open-data JSON shape (``reports.opendata.to_json``), with its slug and kind."""
    return {"slug": slug, "kind": kind, **json.loads(opendata.to_json(export))}


def statistics(published, *, period) -> dict:
    data = published.as_dict()
    data.pop("extra", None)
    return {"period": {"kind": period.kind, "label": period.label}, **data}


# Open311 GeoReport v2 ----------------------------------------------------------------------------


def service(topic) -> dict:
    """A topic residents can write about, as a GeoReport v2 service (plus its classifier code)."""
    section = topic.section_name
    return {
        "service_code": str(topic.pk),
        "service_name": topic.title,
        "description": f"Тема обращения; код тематического классификатора {topic.classifier_code}"
        + (f", раздел «{section}»." if section else "."),
        "metadata": False,
        "type": "realtime",
        "keywords": ", ".join(part for part in (section, topic.classifier_code) if part),
        "group": section or None,
        "classifier_code": topic.classifier_code,
        "classifier_section": topic.section or None,
    }


def service_definition(topic) -> dict:
    """GeoReport v2 service definition: this portal asks no extra attributes per topic."""
    return {"service_code": str(topic.pk), "attributes": []}
