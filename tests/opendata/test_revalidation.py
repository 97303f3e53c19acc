"""Conditional requests for every open data file, also when the page cache answers (a stored copy).

A harvester keeps a file's ETag or Last-Modified and asks again with If-None-Match / If-Modified-Since: it must
get 304 whether the view or the page cache's stored copy answers, and the whole file once it has changed.
"""

from __future__ import annotations

import csv
import io

import pytest

from tests.home.test_page_cache import page_cache  # noqa: F401  (the page cache on, isolated)

pytestmark = pytest.mark.django_db


def _rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8"), newline="")))


def _every_file(client) -> list[str]:
    urls = ["/opendata/list.csv"]
    for _identifier, _title, meta, _format in _rows(client.get("/opendata/list.csv"))[2:]:
        meta_path = meta.split("://", 1)[1].split("/", 1)[1]
        urls.append("/" + meta_path)
        for name, value in _rows(client.get("/" + meta_path))[1:]:
            if name.startswith(("data-", "structure-")):
                urls.append("/" + value.split("://", 1)[1].split("/", 1)[1])
    return urls


def test_every_file_answers_a_conditional_request_from_the_view_and_from_the_cache(
    client,
    page_cache,  # noqa: F811
    demo_site,
):
    urls = _every_file(client)
    assert len(urls) > 6
    hits = 0
    for url in urls:
        fresh = client.get(url)
        stored = client.get(url)
        assert fresh.status_code == stored.status_code == 200, url
        hits += stored["X-Page-Cache"] == "hit"
        conditions = [{"HTTP_IF_NONE_MATCH": fresh["ETag"]}]
        if fresh.has_header("Last-Modified"):
            conditions.append({"HTTP_IF_MODIFIED_SINCE": fresh["Last-Modified"]})
        for headers in conditions:
            again = client.get(url, **headers)
            assert (again.status_code, again.content) == (304, b""), (url, headers, again.get("X-Page-Cache"))
            assert again["ETag"] == fresh["ETag"], url
        changed = client.get(url, HTTP_IF_NONE_MATCH='"something-else"')
        assert changed.status_code == 200 and changed.content == fresh.content, url
    assert hits >= len(urls) - 2  # the stored copies answered (a daily set may be stored again meanwhile)
