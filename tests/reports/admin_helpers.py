"""POST a report's edit form to the Wagtail admin, as the browser sends it (StreamField data flattened).

    data = edit_form_data(page, body=[("category_table", {"caption": "…", "rows": [{"label": "А", "count": 1}]})])
    response = post_edit(client, page, data, publish=True)

Lists in a block value become ListBlock form data (count, N-value, N-deleted, N-order, N-id); True booleans
become "on", False and None are left empty; a Document becomes its id.
"""

from __future__ import annotations

import uuid

from django.urls import reverse


def _value(data: dict, prefix: str, value) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            _value(data, f"{prefix}-{key}", item)
    elif isinstance(value, list):
        data[f"{prefix}-count"] = str(len(value))
        for index, item in enumerate(value):
            data[f"{prefix}-{index}-deleted"] = ""
            data[f"{prefix}-{index}-order"] = str(index)
            data[f"{prefix}-{index}-id"] = str(uuid.uuid4())
            _value(data, f"{prefix}-{index}-value", item)
    elif value is True:
        data[prefix] = "on"
    elif value is False or value is None:
        if value is None:
            data[prefix] = ""
    elif hasattr(value, "pk"):
        data[prefix] = str(value.pk)
    else:
        data[prefix] = str(value)


def stream_data(name: str, blocks: list[tuple[str, dict | str]]) -> dict:
    data = {f"{name}-count": str(len(blocks))}
    for index, (block_type, value) in enumerate(blocks):
        data[f"{name}-{index}-type"] = block_type
        data[f"{name}-{index}-deleted"] = ""
        data[f"{name}-{index}-order"] = str(index)
        data[f"{name}-{index}-id"] = str(uuid.uuid4())
        _value(data, f"{name}-{index}-value", value)
    return data


def edit_form_data(page, *, body: list[tuple[str, dict | str]], **fields) -> dict:
    data = {
        "title": page.title,
        "slug": page.slug,
        "organisation": page.organisation,
        "period_kind": page.period_kind,
        "period_year": str(page.period_year),
        "period_number": str(page.period_number or ""),
        "intro": page.intro,
        "seo_title": "",
        "search_description": "",
        "go_live_at": "",
        "expire_at": "",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
    }
    data.update(stream_data("body", body))
    data.update({key: str(value) for key, value in fields.items()})
    return data


def category_value(caption: str, rows: list[dict], **extra) -> dict:
    value = {
        "caption": caption,
        "rows": [{"label": "", "count": None, "is_part": False, "share": None, **row} for row in rows],
        "slug": "",
        "label_title": "",
        "count_title": "",
        "show_total": True,
        "typed_total": None,
        "chart": "bars",
        "headline": False,
        "source": "",
        "paste": "",
        "upload": None,
    }
    value.update(extra)
    return value


def comparison_value(caption: str, rows: list[dict], **extra) -> dict:
    value = {
        "caption": caption,
        "rows": [
            {"label": "", "current": None, "previous": None, "difference": None, "is_part": False, **row}
            for row in rows
        ],
        "slug": "",
        "label_title": "",
        "current_title": "",
        "previous_title": "",
        "show_total": True,
        "typed_total_current": None,
        "typed_total_previous": None,
        "typed_total_difference": None,
        "typed_total_change": None,
        "chart": "bars",
        "headline": False,
        "source": "",
        "paste": "",
        "upload": None,
    }
    value.update(extra)
    return value


def post_edit(client, page, data: dict, *, publish: bool = False):
    payload = dict(data)
    if publish:
        payload["action-publish"] = "action-publish"
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), payload)
