"""The private status page and the "find out the status" form."""

from datetime import UTC, date, datetime

import pytest
from django.contrib.auth.models import Group
from django.core import mail

from appeals_form.factories import AppealFactory, AppealFormPageFactory
from appeals_form.models import AppealEvent
from appeals_form.status import LOOKUP_NUMBER_SCOPE, LOOKUP_SCOPE
from home import ratelimit
from tests.home.back_button import shown_again

REGISTERED_AT = datetime(2026, 2, 2, 7, 0, tzinfo=UTC)


def assert_private(response):
    assert response["Cache-Control"] == "no-store, private"
    assert "noindex" in response["X-Robots-Tag"]
    assert response["Referrer-Policy"] == "same-origin"


@pytest.fixture
def appeal(db):
    return AppealFactory(
        registered_at=REGISTERED_AT,
        due_date=date(2026, 3, 4),
        status="redirected",
        with_events=[
            {"kind": "forwarded", "payload": {"system": "СЭД «Дело»"}},
            {"kind": "note", "note": "Заявитель звонил, раздражён"},
            {
                "kind": "extended",
                "payload": {"due_date": "2026-04-03"},
                "created_at": datetime(2026, 2, 20, 9, 0, tzinfo=UTC),
            },
            {
                "kind": "redirected",
                "payload": {"body": "Министерство транспорта Московской области"},
                "created_at": datetime(2026, 2, 25, 9, 0, tzinfo=UTC),
            },
        ],
    )


def status_url(appeal, suffix=""):
    return f"/appeals/status/{appeal.status_token}/{suffix}"


def test_status_page_shows_the_appeal_and_its_public_history(client, appeal):
    response = client.get(status_url(appeal))
    assert response.status_code == 200
    assert_private(response)
    html = response.content.decode()
    assert appeal.number in html
    assert "02.02.2026" in html  # registration date
    assert "04.03.2026" not in html  # redirected: the deadline ran here, the other body answers in its own
    assert "ответ вам даст этот орган" in html
    assert "Направлено по компетенции" in html  # current status and history
    assert "Министерство транспорта Московской области" in html
    assert "25.02.2026" in html
    assert "Срок рассмотрения продлён" in html and "03.04.2026" in html
    assert "СЭД «Дело»" in html
    # Internal notes and the appeal's text are not shown.
    assert "раздражён" not in html
    assert appeal.text not in html
    assert appeal.email not in html
    assert html.count("<h1") == 1


def test_a_generic_document_system_label_does_not_repeat_the_title(client, db):
    """Found from outside: «Передано в систему электронного документооборота. Система электронного
    документооборота администрации»."""
    appeal = AppealFactory(
        with_events=[
            {
                "kind": "forwarded",
                "payload": {"system": "Система электронного документооборота администрации", "external_number": "17"},
            }
        ]
    )
    html = client.get(status_url(appeal)).content.decode()
    assert "Передано в систему электронного документооборота" in html and "№ 17" in html
    assert "Система электронного документооборота администрации" not in html


def test_left_without_answer_shows_the_legal_reason(client, db):
    reason = "Текст обращения не поддаётся прочтению (ч. 4 ст. 11 Федерального закона № 59-ФЗ)"
    appeal = AppealFactory(
        status="left_without_answer", with_events=[{"kind": "left_without_answer", "payload": {"reason": reason}}]
    )
    html = client.get(status_url(appeal)).content.decode()
    assert "Оставлено без ответа" in html
    assert reason in html


def test_due_date_after_an_extension(client, appeal):
    appeal.status = "in_work"
    appeal.due_date = date(2026, 4, 3)
    appeal.save()
    html = client.get(status_url(appeal)).content.decode()
    assert 'до <time datetime="2026-04-03">03.04.2026</time>' in html


def test_just_registered_banner_with_the_pages_confirmation_text(client, appeal):
    AppealFormPageFactory(confirmation_text="<p>Спасибо за ваше обращение, Энск!</p>")
    plain = client.get(status_url(appeal)).content.decode()
    assert "Обращение зарегистрировано</h2>" not in plain
    fresh = client.get(status_url(appeal, "?new=1")).content.decode()
    assert "Обращение зарегистрировано</h2>" in fresh
    assert "Спасибо за ваше обращение, Энск!" in fresh


@pytest.mark.parametrize(
    "token",
    [
        "Zq8fT3vLw0pR6yKc1nH4sXb9mJd2uGe7aVo5iNt0QlE",  # well formed (43 characters, as issued), unknown
        "x",
        "a" * 200,
    ],
)
def test_unknown_token_is_a_404_that_says_how_to_get_a_working_link(client, appeal, token):
    response = client.get(f"/appeals/status/{token}/")
    assert response.status_code == 404
    assert_private(response)
    html = response.content.decode()
    assert appeal.number not in html
    # Found from outside: a link cut when copied gave the bare «Страница не найдена».
    assert "Ссылка на статус обращения не действует" in html
    assert 'href="/appeals/status/"' in html


def test_a_token_one_character_off_is_refused(client, appeal):
    token = appeal.status_token
    tampered = token[:-1] + ("A" if token[-1] != "A" else "B")
    assert client.get(f"/appeals/status/{tampered}/").status_code == 404


def test_nothing_is_reachable_by_the_number(client, appeal, django_user_model):
    editor = django_user_model.objects.create_user(username="editor", password="x-12345-pass")
    editor.groups.add(Group.objects.get(name="Редакторы"))
    for user in (None, editor):
        if user:
            client.force_login(user)
        assert client.get(f"/appeals/status/{appeal.number}/").status_code == 404
        for url in (
            f"/appeals/status/{appeal.number}/",
            f"/appeals/status/?number={appeal.number}",
            f"/search/?q={appeal.number}",
        ):
            response = client.get(url)
            assert appeal.text not in response.content.decode()
            assert "02.02.2026" not in response.content.decode(), url


# -- the lookup form ---------------------------------------------------------------------------------------------


def test_lookup_form_is_accessible(client, db):
    response = client.get("/appeals/status/")
    assert response.status_code == 200
    assert_private(response)
    html = response.content.decode()
    assert '<label for="id_number">' in html and '<label for="id_email">' in html
    assert html.count("обязательное поле") == 2
    refused = client.post("/appeals/status/", {"number": "", "email": "нет"})
    assert refused.status_code == 303 and refused["Location"] == "/appeals/status/?errors=1"
    errors = client.get(refused["Location"]).content.decode()
    assert 'aria-invalid="true"' in errors
    assert 'aria-describedby="id_number_helptext id_number_error"' in errors
    assert 'id="id_number_error"' in errors
    assert '<a href="#id_email">' in errors  # the error summary links to the field


def test_lookup_answers_the_same_whether_or_not_the_appeal_exists(client, appeal, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        matching = client.post("/appeals/status/", {"number": appeal.number.lower(), "email": appeal.email.upper()})
        wrong_email = client.post("/appeals/status/", {"number": appeal.number, "email": "other@example.ru"})
        unknown = client.post("/appeals/status/", {"number": "ОГ-2026-999999", "email": appeal.email})
    for response in (matching, wrong_email, unknown):
        assert response.status_code == 303
        assert response["Location"] == "/appeals/status/?sent=1"
        assert_private(response)
    page = client.get("/appeals/status/?sent=1").content.decode()
    assert "Если обращение с таким номером" in page

    # Only the matching request sent the link, and only to the appeal's address.
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [appeal.email]
    assert appeal.status_token in message.body
    assert appeal.text not in message.body


@pytest.mark.parametrize(
    "typed",
    [
        "OG-{year}-{seq:06d}",
        "ог {year} {seq:06d}",
        "ог{year}{seq:06d}",
        " ОГ – {year} – {seq} ",
        "№ ОГ-{year}-{seq:06d}",
    ],
)
def test_lookup_reads_the_number_however_it_is_typed(client, appeal, typed, django_capture_on_commit_callbacks):
    """Found from outside: a Latin «OG», spaces for hyphens or no zeros sent no link."""
    year, seq = (int(part) for part in appeal.number.split("-")[1:])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/appeals/status/", {"number": typed.format(year=year, seq=seq), "email": appeal.email})
    assert response.status_code == 303
    assert [message.to for message in mail.outbox] == [[appeal.email]]


# How a number arrives when it is copied with what stands around it in a letter or a page, or typed where a
# word processor, a mail client or a phone's keyboard changed a character (found from outside: each of
# these got «Запрос принят» and no letter ever came).
AROUND_AND_RETYPED = [
    "{number}.",
    "{number},",
    "«{number}»",
    '"{number}"',
    "(№ {number})",
    "№{number};",
    "\u00a0{number}\u00a0",
]
DASHES = ["\u2212", "\u2013", "\u2014", "\u2011", "\u00ad", "\uff0d", "\ufe63"]


@pytest.mark.parametrize(
    "typed",
    [pattern.format(number="{number}") for pattern in AROUND_AND_RETYPED]
    + [f"ОГ{dash}{{year}}{dash}{{seq:06d}}" for dash in DASHES]
    + ["0Г-{year}-{seq}", "0г {year} {seq}"],
)
def test_lookup_reads_a_number_copied_with_its_surroundings_or_retyped(
    client, appeal, typed, django_capture_on_commit_callbacks
):
    year, seq = (int(part) for part in appeal.number.split("-")[1:])
    text = typed.format(number=appeal.number, year=year, seq=seq)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/appeals/status/", {"number": text, "email": appeal.email})
    assert response.status_code == 303, text
    assert [message.to for message in mail.outbox] == [[appeal.email]], text


@pytest.mark.parametrize("typed", ["письмо", "2026", "ОГ-2026", "ОГ-2026-000013-1", "13.01.2026", "ОГ-ЛЕСНАЯ-13"])
def test_lookup_says_when_the_text_cannot_be_a_number_and_keeps_it(client, appeal, typed):
    """Something that is not a number at all is told so under the field, with what was typed kept; only
    a well-formed number gets the neutral «Запрос принят» (which reveals nothing about it)."""
    response = client.post("/appeals/status/", {"number": typed, "email": appeal.email})
    assert response.status_code == 303
    html = client.get(response["Location"]).content.decode()
    assert "Это не похоже на регистрационный номер обращения" in html
    assert 'id="id_number_error"' in html
    assert f'value="{typed}"' in html and f'value="{appeal.email}"' in html
    assert "Запрос принят" not in html
    assert mail.outbox == []


def test_numbers_in_another_format_are_read_too(settings):
    from appeals_form.models.appeal import parse_number

    settings.APPEALS_NUMBER_FORMAT = "{seq}/{year}-ИП"
    assert parse_number("13 / 2026 ип") == parse_number("13/2026") == "13/2026-ИП"
    assert parse_number("ОГ-2026") is None and parse_number("письмо") is None


def test_lookup_is_rate_limited_per_client(client, appeal, settings, django_capture_on_commit_callbacks):
    settings.APPEALS_STATUS_LOOKUP_LIMIT = 3
    for _ in range(3):
        assert client.post("/appeals/status/", {"number": "ОГ-2026-000777", "email": "a@example.ru"}).status_code == 303
    with django_capture_on_commit_callbacks(execute=True):
        refused = client.post("/appeals/status/", {"number": appeal.number, "email": appeal.email})
    # 303 to the form, which answers 429 with Retry-After while the limit holds (the values kept).
    response = shown_again(client, refused, status=429)
    assert int(response["Retry-After"]) > 0
    assert appeal.number in response.content.decode()
    html = response.content.decode()
    assert "Слишком много запросов" in html
    assert "С этого устройства или из этой сети" in html  # not «с вашего адреса»: the e-mail?
    assert mail.outbox == []


def test_one_appeal_is_not_flooded_with_links(client, appeal, settings, django_capture_on_commit_callbacks):
    settings.APPEALS_STATUS_LOOKUP_LIMIT = 2
    for octet in range(1, 5):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                "/appeals/status/", {"number": appeal.number, "email": appeal.email}, REMOTE_ADDR=f"198.51.100.{octet}"
            )
        assert response.status_code == 303
    assert len(mail.outbox) == 2
    assert ratelimit.count(scope=LOOKUP_SCOPE, key="198.51.100.4", window_seconds=3600) == 1
    assert ratelimit.count(scope=LOOKUP_NUMBER_SCOPE, key=appeal.number, window_seconds=3600) == 2


def test_guessing_numbers_without_the_address_does_not_use_up_the_applicants_letters(
    client, appeal, settings, django_capture_on_commit_callbacks
):
    # Numbers are sequential: a stranger posting an appeal's number with made-up addresses,
    # from many networks, used to exhaust its letters, and the applicant then read «Запрос
    # принят» and never got the link.
    settings.APPEALS_STATUS_LOOKUP_LIMIT = 2
    typings = [appeal.number, appeal.number.lower(), f" {appeal.number} ", appeal.number.replace("-", " ")]
    for octet, typed in enumerate(typings * 2, start=1):
        response = client.post(
            "/appeals/status/", {"number": typed, "email": f"guess{octet}@example.ru"}, REMOTE_ADDR=f"203.0.113.{octet}"
        )
        assert response.status_code == 303
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/appeals/status/", {"number": appeal.number, "email": appeal.email}, REMOTE_ADDR="198.51.100.7"
        )
    assert response.status_code == 303
    assert [message.to for message in mail.outbox] == [[appeal.email]]


def test_lookup_records_the_notification_internally(client, appeal, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/appeals/status/", {"number": appeal.number, "email": appeal.email})
    event = appeal.events.get(kind=AppealEvent.Kind.NOTIFIED)
    assert event.public is False
    assert "Заявителю направлено уведомление" not in client.get(status_url(appeal)).content.decode()


def _origin_a_browser_sends(response, base="http://testserver") -> str:
    """What Chromium puts in ``Origin`` when a form of this page is posted.

    Under ``Referrer-Policy: no-referrer`` (header or <meta>) it is ``null``,
    which Django's CSRF origin check refuses (issue 12, item 1).
    """
    meta_no_referrer = '<meta name="referrer" content="no-referrer">' in response.content.decode()
    if response.get("Referrer-Policy") == "no-referrer" or meta_no_referrer:
        return "null"
    return base


def test_lookup_posts_with_the_origin_a_browser_sends(appeal, django_capture_on_commit_callbacks):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    page = browser.get("/appeals/status/")
    with django_capture_on_commit_callbacks(execute=True):
        response = browser.post(
            "/appeals/status/",
            {"number": appeal.number, "email": appeal.email, "csrfmiddlewaretoken": page.cookies["csrftoken"].value},
            HTTP_ORIGIN=_origin_a_browser_sends(page),
            HTTP_REFERER="http://testserver/appeals/status/",
        )
    assert response.status_code == 303, "a browser's lookup is accepted"
    status = browser.get(status_url(appeal))
    assert _origin_a_browser_sends(status) != "null", "no origin-hiding policy on a private page either"


def test_lookup_with_a_cyrillic_local_part_says_why_and_keeps_the_input(client, appeal):
    response = client.post("/appeals/status/", {"number": appeal.number, "email": "пример@почта.рф"})
    assert response.status_code == 303
    html = client.get(response["Location"]).content.decode()
    assert "должна быть набрана латинскими буквами" in html
    assert 'value="пример@почта.рф"' in html and f'value="{appeal.number}"' in html


@pytest.mark.parametrize(
    ("status", "result", "expected"),
    [
        ("registered", "", "Ответ на обращение придёт на адрес электронной почты"),
        ("in_work", "", "Ответ на обращение придёт на адрес электронной почты"),
        ("redirected", "redirected", "ответ вам даст этот орган"),
        ("answered", "explained", "Ответ на обращение направлен на адрес электронной почты"),
        ("left_without_answer", "left_without_answer", "Рассмотрение обращения завершено"),
        ("closed", "redirected", "ответ вам даст этот орган"),
        ("closed", "supported", "Ответ на обращение направлен на адрес электронной почты"),
    ],
)
def test_the_deadline_and_an_answer_to_come_are_promised_only_while_the_appeal_is_open(
    client, db, status, result, expected
):
    """Found from outside: a redirected appeal's page still said «Срок рассмотрения до …» and «Ответ … придёт»."""
    from appeals_form.models import Appeal

    assert {row[0] for row in Appeal.Status.choices} >= {status}
    appeal = AppealFactory(status=status, result=result, due_date=date(2026, 3, 4))
    html = client.get(status_url(appeal)).content.decode()
    is_open = status in Appeal.OPEN_STATUSES
    assert ("Срок рассмотрения" in html) is is_open
    assert ("04.03.2026" in html) is is_open
    assert ("придёт" in html) is is_open
    assert expected in html


def test_every_status_of_an_appeal_is_covered_by_the_status_page_test():
    from appeals_form.models import Appeal

    covered = {"registered", "in_work", "redirected", "answered", "left_without_answer", "closed"}
    assert set(Appeal.Status.values) == covered


def test_reload_and_back_to_the_lookup_shown_with_errors_never_send_it_again(client, appeal):
    """Found from outside (no JavaScript): reload or Back to the lookup shown with its error re-sent it
    («Подтвердите повторную отправку формы»). A refused lookup redirects to ``?errors=1``, which shows it again
    as often as it is opened; the plain address keeps what was typed; a lookup sent forgets it."""
    refused = client.post("/appeals/status/", {"number": "письмо", "email": appeal.email})
    assert refused.status_code == 303
    for _ in range(2):
        html = client.get(refused["Location"]).content.decode()
        assert "Это не похоже на регистрационный номер" in html and 'value="письмо"' in html
    plain = client.get("/appeals/status/").content.decode()
    assert 'value="письмо"' in plain and "error-summary" not in plain
    assert client.post("/appeals/status/", {"number": appeal.number, "email": appeal.email}).status_code == 303
    assert 'value="письмо"' not in client.get("/appeals/status/").content.decode()


def test_each_status_page_shows_its_own_appeal_whichever_is_read_first(client, db):
    """The page's reads are compiled once per process (home.prepared): the next appeal gets its own rows."""
    from appeals_form.factories import AddresseeFactory

    first = AppealFactory(addressee=AddresseeFactory(name="Глава городского округа"), with_events=[{"kind": "note"}])
    second = AppealFactory(
        addressee=AddresseeFactory(name="Комитет по благоустройству"),
        with_events=[{"kind": "extended", "payload": {"due_date": "2026-04-03"}}],
    )
    for shown, other in ((first, second), (second, first), (first, second)):
        html = client.get(status_url(shown)).content.decode()
        assert shown.number in html and other.number not in html
        assert shown.addressee.name in html and other.addressee.name not in html
        assert ("Срок рассмотрения продлён" in html) is (shown == second)
