"""The fresh appeal form keeps its part after the applicant's fields per process and content generation
(appeals_form/form_render.is_fresh, {% keep %} in appeal_form_page.html): the same HTML as rendering it
each time, nothing of one visitor shown to another, and a change of content seen at the next request."""

from dataclasses import replace

import pytest
from django.test import Client
from django.utils import timezone

from identity.types import METHOD_EMAIL_CODE, Identity
from tests.appeals.appeal_form_helpers import *  # noqa: F403
from tests.appeals.appeal_form_helpers import login, parse, sent_back

pytestmark = pytest.mark.django_db


def _form_html(response) -> str:
    """The form's markup without what differs on every request (the CSRF and draft tokens)."""
    form = parse(response).select_one("form.appeal-form__form")
    for token in form.select('input[name="csrfmiddlewaretoken"], input[name="form_token"]'):
        token["value"] = "…"
    return str(form)


def _resident(email: str) -> Client:
    identity = Identity(method=METHOD_EMAIL_CODE, verified_at=timezone.now(), email=email)
    return login(Client(), identity)


def test_a_fresh_form_is_the_same_kept_as_rendered_each_time(form_page, addressee, topic, settings, fragments_on):
    kept_first = _form_html(_resident("ivanova@mail.ru").get(form_page.url))
    kept_again = _resident("petrov@почта.рф").get(form_page.url)
    assert "petrov@почта.рф" in kept_again.content.decode()
    assert "ivanova@mail.ru" not in kept_again.content.decode(), "nothing of the first visitor"
    settings.PAGE_CACHE_FRAGMENTS = False
    rendered = _resident("ivanova@mail.ru").get(form_page.url)
    assert _form_html(rendered) == kept_first
    assert addressee.name in kept_first and topic.title in kept_first


def test_a_new_topic_is_on_the_next_fresh_form(form_page, addressee, topic, fragments_on):
    from appeals_form.factories import TopicFactory

    client = _resident("ivanova@mail.ru")
    client.get(form_page.url)
    added = TopicFactory(title="Уборка снега во дворах")
    assert added.title in [o.get_text() for o in parse(client.get(form_page.url)).select("#id_topic option")]


def test_a_form_sent_back_with_mistakes_is_not_the_kept_one(form_page, valid_post, fragments_on, fresh_identity):
    client = login(Client(), replace(fresh_identity, verified_at=timezone.now()))
    assert parse(client.get(form_page.url)).select_one("#id_text").get_text().strip() == ""
    response = sent_back(client, form_page.url, valid_post(kind="", text="Мой текст обращения о фонарях."))
    html = parse(response)
    assert html.select_one("#id_kind_error"), "the error is shown"
    assert html.select_one("#id_text").get_text().strip() == "Мой текст обращения о фонарях."
    fresh_again = parse(_resident("other@mail.ru").get(form_page.url))
    assert fresh_again.select_one("#id_text").get_text().strip() == ""
    assert fresh_again.select_one("#id_kind_error") is None
