"""The online appeal form, step by step, as a resident uses it (Django test client, no JavaScript)."""

import json
import re
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from appeals_form.models import Appeal
from forwarding.models import OutboxMessage
from tests.appeals.appeal_form_helpers import *  # noqa: F403
from tests.appeals.appeal_form_helpers import (
    expired,
    login,
    parse,
    pdf_upload,
    png_bytes,
    sent_back,
    staged_paths,
    upload,
)
from tests.home.back_button import shown_again

pytestmark = pytest.mark.django_db


def _preview(client, page, data, **extra):
    response = client.post(page.url, data, **extra)
    assert response.status_code == 303, parse(response).select_one("#error-summary")
    assert response["Location"].startswith(page.url + "?")
    return client.get(response["Location"])


def _send(client, page, token):
    return client.post(page.url, {"form_token": token, "action": "send"})


# -- identification --------------------------------------------------------------------------------------------


def test_without_identity_the_page_explains_identification_and_links_to_it(client, form_page):
    response = client.get(form_page.url)

    assert response.status_code == 200
    html = parse(response)
    assert "59-ФЗ" in html.get_text() and "547-ФЗ" in html.get_text()
    link = html.find("a", string="Пройти идентификацию")
    start, query = link["href"].split("?", 1)
    assert start == reverse("identity:start")
    assert parse_qs(query)["next"] == [form_page.url]
    assert html.find("form", attrs={"data-appeal-form": True}) is None
    assert response["Cache-Control"] == "no-store, private"


def test_with_identity_the_form_shows_the_confirmed_email_read_only(applicant, form_page, fresh_identity):
    response = applicant.get(form_page.url)

    html = parse(response)
    email = html.select_one("#id_email")
    assert email["value"] == fresh_identity.email
    assert email.has_attr("readonly")
    assert "обязательное поле" in html.select_one("label[for=id_surname]").get_text()
    assert "обязательное поле" not in html.select_one("label[for=id_patronymic]").get_text()
    assert html.select_one("#id_text_helptext").get_text(strip=True) == "Не более 4000 знаков."
    assert "id_text_helptext" in html.select_one("#id_text")["aria-describedby"]
    token = html.select_one("input[name=form_token]")["value"]
    assert re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}", token)
    assert len(html.select("[data-co-author-row]")) == 0, "co-author rows only on demand"
    assert response["Cache-Control"] == "no-store, private"


def test_only_active_addressees_and_topics_are_offered(applicant, form_page, addressee, topic):
    from appeals_form.factories import AddresseeFactory, TopicFactory

    AddresseeFactory(name="Упразднённый комитет", is_active=False)
    TopicFactory(title="Старая тема", is_active=False)

    html = parse(applicant.get(form_page.url))

    addressees = [o.get_text() for o in html.select("#id_addressee option") if o["value"]]
    topics = [o.get_text() for o in html.select("#id_topic option") if o["value"]]
    assert addressees == [addressee.name]
    assert topics == [topic.title]


def test_with_kept_lists_a_deactivated_addressee_is_gone_and_refused_at_once(
    applicant, form_page, addressee, topic, valid_post, fragments_on
):
    from appeals_form.factories import AddresseeFactory

    # Production keeps the lists per process (home.pagecache.fragments).
    other = AddresseeFactory(name="Комитет по благоустройству")
    names = [o.get_text() for o in parse(applicant.get(form_page.url)).select("#id_addressee option") if o["value"]]
    assert other.name in names

    other.is_active = False
    other.save()

    names = [o.get_text() for o in parse(applicant.get(form_page.url)).select("#id_addressee option") if o["value"]]
    assert other.name not in names and addressee.name in names
    response = sent_back(applicant, form_page.url, valid_post(addressee=str(other.pk)))
    assert "Выберите адресата из списка." in parse(response).select_one("#id_addressee_error").get_text()


def test_oidc_names_are_prefilled_locked_and_posted_values_ignored(client, form_page, identity_oidc, valid_post):
    from dataclasses import replace

    from django.utils import timezone

    identity = replace(identity_oidc, verified_at=timezone.now())
    login(client, identity)
    html = parse(client.get(form_page.url))
    assert html.select_one("#id_surname")["value"] == "Петров"
    assert html.select_one("#id_surname").has_attr("readonly")

    data = valid_post(surname="Подделкин", first_name="Иван", patronymic="", email=identity.email)
    preview = _preview(client, form_page, data)
    text = parse(preview).get_text()
    assert "Петров Пётр Петрович" in text
    assert "Подделкин" not in text

    response = _send(client, form_page, data["form_token"])
    appeal = Appeal.objects.get()
    assert (appeal.surname, appeal.first_name, appeal.patronymic) == ("Петров", "Пётр", "Петрович")
    assert response.status_code == 303


# -- the whole way ---------------------------------------------------------------------------------------------


def test_fill_check_and_send_registers_the_appeal(applicant, form_page, valid_post, fresh_identity, private_root):
    data = valid_post(
        **{
            "coauthor-0-name": "Сидоров Сидор Сидорович",
            "coauthor-0-email": "sidorov@example.ru",
            "coauthor-1-name": "Кузнецова Анна",
            "coauthor-1-email": "anna@пример.рф",
        },
        attachments=[pdf_upload(), upload("фото двора.png", png_bytes(), "image/png")],
    )
    preview = _preview(applicant, form_page, data)

    assert preview.status_code == 200
    assert preview["Cache-Control"] == "no-store, private"
    html = parse(preview)
    assert html.h1.get_text() == "Проверьте обращение перед отправкой"
    text = html.get_text(" ")
    for expected in (
        "Иванова Мария Петровна",
        fresh_identity.email,
        "+7 900 123-45-67",  # stored +79001234567, shown readably
        "Управление жилищно-коммунального хозяйства",
        "Оплата ЖКУ",
        "Жалоба",
        "Во дворе дома не горят фонари",
        "Сидоров Сидор Сидорович, sidorov@example.ru",
        "Кузнецова Анна, anna@пример.рф",
        "квитанция.pdf",
        "фото двора.png",
        "редакция согласия от\xa01\xa0ноября 2026\xa0года",  # no-break spaces (home.textformat.no_break)
    ):
        assert expected in text, expected
    assert {b.get_text() for b in html.select(".appeal-preview form button")} == {"Отправить", "Исправить"}
    assert Appeal.objects.count() == 0

    response = _send(applicant, form_page, data["form_token"])

    appeal = Appeal.objects.get()
    assert response.status_code == 303
    assert response["Location"] == reverse("appeals:status", args=[appeal.status_token]) + "?new=1"
    assert (appeal.surname, appeal.first_name, appeal.patronymic) == ("Иванова", "Мария", "Петровна")
    assert appeal.email == fresh_identity.email
    assert appeal.phone == "+79001234567"
    assert appeal.kind == "complaint"
    assert appeal.idempotency_key == data["form_token"]
    assert appeal.consent_version == "2026-11-01"
    assert appeal.consent_given_at is not None
    assert appeal.ip_address == "127.0.0.1"
    assert appeal.is_collective
    assert [(c.name, c.email) for c in appeal.co_authors.all()] == [
        ("Сидоров Сидор Сидорович", "sidorov@example.ru"),
        ("Кузнецова Анна", "anna@пример.рф"),
    ]
    files = {a.original_name: a for a in appeal.attachments.all()}
    assert set(files) == {"квитанция.pdf", "фото двора.png"}
    assert files["фото двора.png"].content_type == "image/png"
    assert OutboxMessage.objects.filter(appeal=appeal).count() == 1

    status = applicant.get(response["Location"])
    assert status.status_code == 200
    assert appeal.number in status.content.decode()


def test_a_co_author_without_an_e_mail_is_accepted(applicant, form_page, valid_post):
    """Found from outside: every co-author had to give an e-mail. 59-ФЗ asks the applicant for the address of
    the answer (art. 7 parts 1, 3; 547-ФЗ's identification is the applicant's), not each co-author: the answer
    to a collective appeal goes to the address given in it. A co-author's name is enough; a given e-mail is
    still checked (its zone, not the applicant's own, not twice)."""
    data = valid_post(
        **{
            "coauthor-0-name": "Сидоров Сидор Сидорович",
            "coauthor-1-name": "Кузнецова Анна",
            "coauthor-1-email": "anna@пример.рф",
        },
    )
    preview = _preview(applicant, form_page, data)
    assert preview.status_code == 200, parse(preview).select(".form-error")
    text = parse(preview).get_text(" ")
    assert "Сидоров Сидор Сидорович" in text and "Сидоров Сидор Сидорович," not in text

    _send(applicant, form_page, data["form_token"])

    appeal = Appeal.objects.get()
    assert appeal.is_collective
    assert [(c.name, c.email) for c in appeal.co_authors.all()] == [
        ("Сидоров Сидор Сидорович", ""),
        ("Кузнецова Анна", "anna@пример.рф"),
    ]


def test_a_co_authors_postal_address_travels_to_the_card(applicant, form_page, valid_post, django_user_model):
    """Found from outside: co-authors of a collective appeal had no postal address. Each row has an optional
    one, shown on the check page, registered with the co-author and shown on the officer's card; a co-author
    without one is as before."""
    data = valid_post(
        **{
            "coauthor-0-name": "Сидоров Сидор Сидорович",
            "coauthor-0-postal_address": "140000, г. Энск,\r\nул. Лесная, д. 2",
            "coauthor-1-name": "Кузнецова Анна",
        },
    )
    form = parse(applicant.post(form_page.url, {**data, "action": "add_coauthor"}, follow=True))
    row = form.select_one("textarea#id_coauthor-0-postal_address")
    assert row is not None and "ул. Лесная" in row.get_text()
    assert form.select_one("label[for=id_coauthor-0-postal_address]").get_text(strip=True) == "Почтовый адрес соавтора"
    preview = _preview(applicant, form_page, data)
    first, second = [li.get_text(" ", strip=True) for li in parse(preview).select(".co-author-list li")]
    assert first == "Сидоров Сидор Сидорович Почтовый адрес: 140000, г. Энск, ул. Лесная, д. 2"
    assert second == "Кузнецова Анна"

    _send(applicant, form_page, data["form_token"])

    appeal = Appeal.objects.get()
    assert [(c.name, c.postal_address) for c in appeal.co_authors.all()] == [
        ("Сидоров Сидор Сидорович", "140000, г. Энск,\nул. Лесная, д. 2"),
        ("Кузнецова Анна", ""),
    ]
    assert "лесная" in appeal.search_extra  # the queue's search finds it, as the applicant's address
    officer = django_user_model.objects.create_superuser("card.officer", "card@example.ru", "unused-password-1")
    staff = Client()
    staff.force_login(officer)
    card = parse(staff.get(f"/admin/appeals/{appeal.pk}/")).get_text()
    assert "Почтовый адрес: 140000, г. Энск," in card and "ул. Лесная, д. 2" in card


def test_line_breaks_count_as_one_character(applicant, form_page, valid_post):
    text = "жжж\r\n" * 1000  # 5000 characters as posted, 3999 once trimmed and counted like the counter does

    response = applicant.post(form_page.url, valid_post(text=text))

    assert response.status_code == 303


def test_double_click_and_replay_land_on_the_same_appeal(applicant, form_page, valid_post):
    data = valid_post()
    _preview(applicant, form_page, data)

    first = _send(applicant, form_page, data["form_token"])
    second = _send(applicant, form_page, data["form_token"])
    # A replay of the whole form post after success, too:
    third = applicant.post(form_page.url, data)

    # And the check step opened again from the history.
    fourth = applicant.get(f"{form_page.url}?step=preview&draft={data['form_token']}")

    assert Appeal.objects.count() == 1
    assert first.status_code == second.status_code == third.status_code == fourth.status_code == 303
    assert first["Location"] == second["Location"] == third["Location"] == fourth["Location"]


def test_a_concurrent_second_send_with_the_draft_still_there_gets_the_same_appeal(applicant, form_page, valid_post):
    """The second click started before the first one finished: its session still has the draft."""
    data = valid_post()
    _preview(applicant, form_page, data)
    session_before = dict(applicant.session.items())

    first = _send(applicant, form_page, data["form_token"])
    session = applicant.session
    session.update(session_before)  # as the second request saw it
    session.save()
    second = _send(applicant, form_page, data["form_token"])

    assert Appeal.objects.count() == 1
    assert second.status_code == 303
    assert second["Location"] == first["Location"]


def test_edit_from_the_check_step_keeps_everything(applicant, form_page, valid_post):
    data = valid_post(
        **{"coauthor-2-name": "Сидоров Сидор", "coauthor-2-email": "s@example.ru"}, attachments=pdf_upload()
    )
    _preview(applicant, form_page, data)

    response = applicant.post(form_page.url, {"form_token": data["form_token"], "action": "edit"})
    assert response.status_code == 303
    html = parse(applicant.get(response["Location"]))

    assert html.select_one("input[name=form_token]")["value"] == data["form_token"]
    assert html.select_one("#id_surname")["value"] == "Иванова"
    assert html.select_one("#id_text").get_text().strip() == data["text"]
    assert html.select_one("#id_kind_2").has_attr("checked")
    assert html.select_one("#id_consent").has_attr("checked")
    assert html.select_one("#id_coauthor-2-name")["value"] == "Сидоров Сидор"
    assert "квитанция.pdf" in html.select_one(".files").get_text()
    assert html.select_one("#error-summary") is None


# -- files kept, removed -----------------------------------------------------------------------------------------


def test_accepted_files_are_kept_across_errors_and_never_uploaded_twice(applicant, form_page, valid_post, private_root):
    data = valid_post(text="   ", attachments=pdf_upload())
    response = sent_back(applicant, form_page.url, data)

    html = parse(response)
    assert "Напишите текст обращения." in html.select_one("#id_text_error").get_text()
    assert "квитанция.pdf" in html.select_one(".files").get_text()
    assert len(staged_paths(private_root)) == 1

    data = {**valid_post(form_token=data["form_token"])}  # no file this time
    preview = _preview(applicant, form_page, data)
    assert "квитанция.pdf" in preview.content.decode()
    _send(applicant, form_page, data["form_token"])
    assert Appeal.objects.get().attachments.count() == 1


def test_a_resident_who_left_the_form_finds_what_they_typed_at_its_plain_address(
    applicant, form_page, valid_post, private_root
):
    """Found from outside: after an error, a link away and back to the form gave empty fields."""
    data = valid_post(text="Во дворе не горят фонари", kind=None, attachments=pdf_upload())
    sent_back(applicant, form_page.url, data)  # «Укажите вид обращения»

    html = parse(applicant.get(form_page.url))  # the menu's link: no draft in the address
    assert html.select_one("#id_text").get_text().strip() == "Во дворе не горят фонари"
    assert "квитанция.pdf" in html.select_one(".files").get_text()
    assert html.select_one("input[name=form_token]")["value"] == data["form_token"]
    assert "Мы сохранили то, что вы начали заполнять" in html.get_text()

    # «Начать заново»: an empty form, the file gone.
    restart = html.find("a", string="Начать заново")["href"]
    html = parse(applicant.get(restart))
    assert html.select_one("#id_text").get_text().strip() == ""
    assert html.select_one("input[name=form_token]")["value"] != data["form_token"]
    assert staged_paths(private_root) == []
    html = parse(applicant.get(form_page.url))
    assert "Мы сохранили" not in html.get_text() and html.select_one("#id_text").get_text().strip() == ""


def test_a_staged_file_can_be_removed(applicant, form_page, valid_post, private_root):
    data = valid_post(addressee="", attachments=[pdf_upload(), upload("схема.png", png_bytes())])
    html = parse(sent_back(applicant, form_page.url, data))
    boxes = {
        li.select_one(".files__name").get_text(): li.select_one("input[name=remove_file]")
        for li in html.select(".files__item")
    }
    assert set(boxes) == {"квитанция.pdf", "схема.png"}
    assert "удалить" in html.select_one(f"label[for={boxes['схема.png']['id']}]").get_text()

    preview = _preview(
        applicant, form_page, valid_post(form_token=data["form_token"], remove_file=boxes["схема.png"]["value"])
    )

    assert "схема.png" not in preview.content.decode()
    assert "квитанция.pdf" in preview.content.decode()
    assert len(staged_paths(private_root)) == 1


def test_a_staged_file_removed_by_the_clean_up_is_reported(applicant, form_page, valid_post, private_root):
    import shutil

    data = valid_post(attachments=pdf_upload())
    _preview(applicant, form_page, data)
    shutil.rmtree(private_root / "staging")

    response = _send(applicant, form_page, data["form_token"])

    assert response.status_code == 303
    response = applicant.get(response["Location"])
    assert "Файл «квитанция.pdf» больше не хранится" in parse(response).select_one("#id_attachments_error").get_text()
    assert Appeal.objects.count() == 0


# -- co-authors without JavaScript -----------------------------------------------------------------------------


def test_add_more_co_authors_without_javascript_keeps_values_and_shows_no_errors(applicant, form_page, valid_post):
    data = valid_post(
        action="add_coauthor", text="", **{"coauthor-0-name": "Сидоров Сидор", "coauthor-0-email": "s@example.ru"}
    )

    response = sent_back(applicant, form_page.url, data)

    html = parse(response)
    assert len(html.select("[data-co-author-row]")) == 4, "one row added per click"
    assert html.select_one("input[name=coauthor_rows]")["value"] == "4"
    assert html.select_one("#id_coauthor-0-name")["value"] == "Сидоров Сидор"
    assert html.select_one("#id_coauthor-3-name").has_attr("autofocus")
    assert html.select_one("#id_surname")["value"] == "Иванова"
    assert html.select_one("#error-summary") is None


def test_the_form_starts_without_co_author_rows_and_adds_them_one_by_one(applicant, form_page, valid_post):
    """Issue 12, item 7: no empty co-author blocks by default; «Добавить соавтора» works without JS."""
    html = parse(applicant.get(form_page.url))
    assert html.select("[data-co-author-row]") == []
    button = html.select_one("button[name=action][value=add_coauthor]")
    assert button.get_text(strip=True) == "Добавить соавтора" and button["type"] == "submit"
    assert html.select_one("details.appeal-intro") is not None or not form_page.intro, "the intro is folded"

    data = valid_post(action="add_coauthor", coauthor_rows="0", text="Текст, который нельзя потерять.")
    html = parse(sent_back(applicant, form_page.url, data))
    assert len(html.select("[data-co-author-row]")) == 1
    assert html.select_one("#id_coauthor-0-name").has_attr("autofocus")
    assert html.select_one("#id_text").get_text().strip() == "Текст, который нельзя потерять."
    assert html.select_one("#id_phone")["value"] == "8 (900) 123-45-67"
    assert html.select_one("#error-summary") is None


# -- the applicant changes ----------------------------------------------------------------------------------------


def test_expired_identity_keeps_the_typed_text_for_after_identification(
    client, form_page, fresh_identity, valid_post, private_root
):
    login(client, expired(fresh_identity))
    data = valid_post(text="Длинный текст, который жалко потерять.", attachments=pdf_upload())

    response = shown_again(client, client.post(form_page.url, data), status=403)

    html = parse(response)
    assert "срок идентификации истёк" in html.get_text()
    link = html.find("a", string="Пройти идентификацию")
    next_url = parse_qs(urlsplit(link["href"]).query)["next"][0]
    assert parse_qs(urlsplit(next_url).query)["draft"] == [data["form_token"]]
    assert staged_paths(private_root) == []  # no files without identity
    assert Appeal.objects.count() == 0

    login(client, fresh_identity)  # identified again
    html = parse(client.get(next_url))
    assert html.select_one("#id_text").get_text().strip() == "Длинный текст, который жалко потерять."


def test_a_draft_is_not_shown_to_another_applicant(client, form_page, fresh_identity, valid_post):
    from dataclasses import replace

    login(client, fresh_identity)
    data = valid_post(action="add_coauthor")
    client.post(form_page.url, data)

    login(client, replace(fresh_identity, email="drugoy@example.ru"))
    html = parse(client.get(f"{form_page.url}?draft={data['form_token']}"))

    assert html.select_one("#id_surname").get("value") is None
    assert html.select_one("input[name=form_token]")["value"] != data["form_token"]
    # Nor at the form's plain address.
    html = parse(client.get(form_page.url))
    assert html.select_one("input[name=form_token]")["value"] != data["form_token"]
    assert html.select_one("#id_surname").get("value") is None


def test_changed_consent_text_asks_for_consent_again(applicant, form_page, valid_post):
    data = valid_post()
    _preview(applicant, form_page, data)
    form_page.consent_version = "2026-12-01"
    form_page.save_revision().publish()

    response = _send(applicant, form_page, data["form_token"])

    assert response.status_code == 303
    response = applicant.get(response["Location"])
    assert (
        "Текст согласия на обработку персональных данных изменился"
        in parse(response).select_one("#id_consent_error").get_text()
    )
    assert Appeal.objects.count() == 0


def test_send_without_a_draft_asks_to_fill_the_form_again(applicant, form_page):
    import uuid

    response = shown_again(
        applicant, applicant.post(form_page.url, {"form_token": str(uuid.uuid4()), "action": "send"})
    )

    assert "Черновик обращения не найден" in response.content.decode()
    assert Appeal.objects.count() == 0


# -- CSRF ----------------------------------------------------------------------------------------------------------


def test_missing_csrf_token_gives_the_russian_page(form_page, fresh_identity, valid_post):
    client = Client(enforce_csrf_checks=True)
    login(client, fresh_identity)

    response = client.post(form_page.url, valid_post())

    assert response.status_code == 403
    html = parse(response)
    assert html.h1.get_text() == "Форма не отправлена"
    assert html.html["lang"] == "ru"
    assert Appeal.objects.count() == 0


# -- Back to a page that answered a POST ---------------------------------------------------------------------------


def test_every_post_of_the_form_ends_in_a_redirect_so_back_and_reload_never_post_again(
    applicant, form_page, valid_post, fresh_identity, private_root
):
    """Found from outside: without JavaScript, Back or reload of the form shown with its errors asked
    «Подтвердите повторную отправку формы» (Chromium's ERR_CACHE_MISS), and sending it again brought the old
    mistakes back. Each POST of the form (errors, «Добавить соавтора», a draft that fails at «Отправить»)
    answers with a redirect to the draft's address, which shows the same page as often as it is opened."""
    with_errors = valid_post(surname="", attachments=[pdf_upload(), upload("вирус.exe", b"MZ")])
    url = applicant.post(form_page.url, with_errors)["Location"]
    assert with_errors["form_token"] in url
    for _ in range(2):  # the redirect's page, then a reload of it
        html = parse(applicant.get(url))
        assert "Укажите фамилию" in html.select_one("#id_surname_error").get_text()
        assert html.select_one("#id_text").get_text().strip() == with_errors["text"]
        assert "квитанция.pdf" in html.select_one(".files").get_text()  # the accepted file is kept
        assert "«вирус.exe»" in html.select_one("#id_attachments_error").get_text()
        assert html.title.get_text().startswith("Ошибка: ")

    fixed = dict(with_errors, surname="Исправленная", attachments=[])
    assert "step=preview" in applicant.post(form_page.url, fixed)["Location"]
    html = parse(applicant.get(url))  # Back from the check step: what was fixed, no old errors
    assert html.select_one("#id_surname")["value"] == "Исправленная" and html.select_one("#error-summary") is None

    more_rows = sent_back(applicant, form_page.url, dict(fixed, action="add_coauthor", coauthor_rows="0"))
    assert parse(more_rows).select_one("#id_coauthor-0-name").has_attr("autofocus")

    form_page.consent_version = "2026-12-01"  # the draft fails at «Отправить»
    form_page.save_revision().publish()
    sent = applicant.post(form_page.url, {"form_token": fixed["form_token"], "action": "send"})
    assert sent.status_code == 303 and sent["Location"] == url
    assert "Текст согласия" in parse(applicant.get(url)).select_one("#id_consent_error").get_text()


def test_the_identification_asked_again_is_a_redirect_never_a_resend(applicant, form_page, valid_post, fresh_identity):
    """«Identification expired» was answered in place to the POST: without JavaScript reload or Back asked to
    send the form again. It is the draft's address (303), which says so (403) as often as it is reloaded."""
    login(applicant, expired(fresh_identity))
    data = valid_post(surname="Исправленная")
    identify_again = applicant.post(form_page.url, data)
    assert f"draft={data['form_token']}" in identify_again["Location"]
    for _ in range(2):
        assert "Пройти идентификацию" in shown_again(applicant, identify_again, status=403).content.decode()


def test_a_long_appeal_sent_url_encoded_reaches_the_check_page_and_the_register_exactly(
    applicant, form_page, valid_post
):
    # The form's script sends «Продолжить» URL-encoded when no file is attached (static/js/appeal-form.js): every
    # Cyrillic letter is six characters there, and a text with %, +, & and a backslash must come back as typed.
    text = ("Прошу проверить начисления за отопление (дом № 5, кв. 12): 100% переплата & «ошибка» + C:\\счета. ") * 40
    data = valid_post(text=text.strip())
    preview = _preview(
        applicant, form_page, urlencode(data, doseq=True), content_type="application/x-www-form-urlencoded"
    )

    assert text.strip() in parse(preview).get_text()
    assert _send(applicant, form_page, data["form_token"]).status_code == 303
    assert Appeal.objects.get().text == text.strip()


# -- with the form's script: the next step as the POST's answer ---------------------------------------------------


def _revisit(response) -> str | None:
    """The address the page puts in the browser's history instead of the POST (base.html)."""
    html = response if isinstance(response, str) else response.content.decode()
    found = re.search(r'history\.replaceState\(history\.state, "", "([^"]*)"\)', html)
    return json.loads(f'"{found.group(1)}"') if found else None  # the JavaScript string as the browser reads it


def test_with_the_script_continue_answers_with_the_check_step_at_its_own_address(applicant, form_page, valid_post):
    """The script adds in_place=1: the check step comes as the answer (no second request) and the page puts the
    check step's address in the history, so reload and Back make a GET of it; it shows the same."""
    data = valid_post()
    answer = applicant.post(form_page.url, data | {"in_place": "1"})

    assert answer.status_code == 200
    assert answer["Cache-Control"] == "no-store, private"
    html = parse(answer)
    assert html.h1.get_text() == "Проверьте обращение перед отправкой"
    check_url = _revisit(answer)
    assert check_url == f"{form_page.url}?step=preview&draft={data['form_token']}"
    again = applicant.get(check_url)  # reload or Back after the address was put in the history
    assert again.status_code == 200
    assert parse(again).select_one("main").get_text(" ") == html.select_one("main").get_text(" ")
    assert Appeal.objects.count() == 0


def test_with_the_script_send_answers_with_the_status_page_and_a_replay_lands_on_it(applicant, form_page, valid_post):
    data = valid_post()
    applicant.post(form_page.url, data | {"in_place": "1"})

    answer = applicant.post(form_page.url, {"form_token": data["form_token"], "action": "send", "in_place": "1"})

    appeal = Appeal.objects.get()
    assert answer.status_code == 200
    assert answer["Cache-Control"] == "no-store, private"
    status_url = reverse("appeals:status", args=[appeal.status_token]) + "?new=1"
    assert _revisit(answer) == status_url
    html = parse(answer)
    assert f"Обращение №\xa0{appeal.number}" in html.h1.get_text()
    assert "Обращение зарегистрировано" in html.get_text()
    # The answer shows the history the registration recorded without reading it back: the same page as its GET.
    assert [li.get_text(" ", strip=True) for li in html.select(".appeal-history__item")] == [
        f"{timezone.localdate():%d.%m.%Y} — Обращение зарегистрировано"
    ]
    assert parse(applicant.get(status_url)).select_one("main").get_text(" ") == html.select_one("main").get_text(" ")
    # «Отправить» sent again (a reload the history did not catch, a double click): the same appeal.
    replay = applicant.post(form_page.url, {"form_token": data["form_token"], "action": "send", "in_place": "1"})
    assert replay.status_code == 303 and replay["Location"] == status_url
    assert Appeal.objects.count() == 1


def test_with_the_script_the_status_page_answering_the_send_reads_nothing_back(applicant, form_page, valid_post):
    """The registration has the appeal and its history at hand: the page answering it reads neither again (a
    status page opened by its link reads them by the token)."""
    data = valid_post()
    applicant.post(form_page.url, data | {"in_place": "1"})

    with CaptureQueriesContext(connection) as queries:
        answer = applicant.post(form_page.url, {"form_token": data["form_token"], "action": "send", "in_place": "1"})

    assert answer.status_code == 200
    reads = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith("SELECT")]
    tables = ('"appeals_form_appeal"', '"appeals_form_appealevent"')
    assert not [sql for sql in reads if any(f"FROM {table}" in sql for table in tables)], reads


def test_with_the_script_a_step_with_mistakes_still_redirects_to_the_form(applicant, form_page, valid_post):
    """Only a successful step is answered in place; mistakes go back to the draft's address as without it."""
    data = valid_post(text="   ")
    answer = applicant.post(form_page.url, data | {"in_place": "1"})

    assert answer.status_code == 303
    assert answer["Location"] == f"{form_page.url}?draft={data['form_token']}"


def test_a_page_answering_a_post_puts_its_address_in_the_history_with_every_query_parameter(rf):
    """The history's address was HTML-escaped inside the script («&amp;»): a second parameter was lost."""
    from django.template.loader import render_to_string

    request = rf.post("/internet-priemnaya/?step=preview&draft=abc")
    request.csp_nonce = "n"
    html = render_to_string("base.html", {"revisit_url": '/a/?x=1&y=<2>"'}, request=request)
    assert _revisit(html) == '/a/?x=1&y=<2>"'
    html = render_to_string("base.html", {}, request=request)
    assert _revisit(html) == "/internet-priemnaya/?step=preview&draft=abc"
