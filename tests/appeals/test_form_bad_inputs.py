"""The catalogue of bad inputs of the online appeal form.

Each case posts an otherwise correct form with one thing wrong and checks what
the resident relies on: the specific Russian message next to the right field
(the error element the field's aria-describedby points to, aria-invalid set),
the same message linked from the error summary at the top, the typed text
kept, and nothing registered — no appeal, no outbox message, no stray file.
"""

import io
import zipfile
from dataclasses import dataclass, field

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

from appeals_form.forms import CO_AUTHOR_FIELDS, CO_AUTHOR_SUMMARY_LABELS
from appeals_form.models import Appeal
from forwarding.models import OutboxMessage
from tests.appeals.appeal_form_helpers import *  # noqa: F403
from tests.appeals.appeal_form_helpers import (
    PDF_BYTES,
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

MB = 1024 * 1024
# Co-authors receive no answer: their address's message does not speak of one.
CO_AUTHOR_ZONES = "Адрес соавтора должен быть в доменных зонах .ru, .рф, .su. Укажите другой адрес."
NUL = "Поле содержит недопустимый нулевой символ. Удалите его и попробуйте ещё раз."
ENCODING = "Текст содержит символы в неверной кодировке."
NAME_CHARS = "Используйте только буквы, пробел, дефис, апостроф и точку."
PHONE = "Укажите номер телефона цифрами, например +7 495 123-45-67."


def _zip_bomb_docx() -> bytes:
    """A valid-looking .docx of a few kilobytes that unpacks to 12 MB of zeros (ratio in the thousands)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        archive.writestr("word/document.xml", b"<w:document/>")
        archive.writestr("word/media/image1.bin", b"\0" * (12 << 20))
    return buffer.getvalue()


def _exe() -> bytes:
    return b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48 + b"PE\x00\x00" + b"\x00" * 200


def _plain_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "просто архив")
    return buffer.getvalue()


def _pdf_of_size(size: int) -> bytes:
    return PDF_BYTES + b"0" * (size - len(PDF_BYTES))


@dataclass
class Case:
    id: str
    target: str | None  # the field's id (None: a form-level error, shown in the summary only)
    message: str
    data: dict = field(default_factory=dict)
    files: object = None  # a callable returning the uploads
    staged: int = 0  # files legitimately kept (accepted ones among the uploads)
    error_id: str | None = None  # when the error element is not "<target>_error"


CASES = [
    # The text of the appeal
    Case(
        "text-too-long",
        "id_text",
        "Текст обращения не должен быть длиннее 4000 знаков (сейчас 4001).",
        {"text": "ж" * 4001},
    ),
    Case(
        "text-too-long-with-line-breaks",
        "id_text",
        "Текст обращения не должен быть длиннее 4000 знаков (сейчас 4003).",
        {"text": "жж\r\n" * 1334 + "ж"},
    ),
    Case(
        # A pasted book (issue 12, item 4): past the field's hard bound, still the limit in Russian.
        "text-3-mb",
        "id_text",
        "Текст обращения не должен быть длиннее 4000 знаков (сейчас 3000000).",
        {"text": "ж" * 3_000_000},
    ),
    Case("text-empty", "id_text", "Напишите текст обращения.", {"text": ""}),
    Case("text-whitespace-only", "id_text", "Напишите текст обращения.", {"text": " \r\n\t  \u00a0 "}),
    Case("text-nul-byte", "id_text", NUL, {"text": "Прошу проверить\x00 счёт"}),
    Case("text-broken-encoding", "id_text", ENCODING, {"text": "Прошу \ufffd\ufffd проверить"}),
    Case(
        "text-control-character",
        "id_text",
        "Поле содержит недопустимые управляющие символы.",
        {"text": "Звонок\x07 ночью"},
    ),
    # Names
    Case("surname-empty", "id_surname", "Укажите фамилию.", {"surname": ""}),
    Case("surname-whitespace-only", "id_surname", "Укажите фамилию.", {"surname": "   "}),
    Case("first-name-empty", "id_first_name", "Укажите имя.", {"first_name": ""}),
    Case("first-name-whitespace-only", "id_first_name", "Укажите имя.", {"first_name": "\t"}),
    Case("surname-nul-byte", "id_surname", NUL, {"surname": "Иван\x00ова"}),
    Case("first-name-nul-byte", "id_first_name", NUL, {"first_name": "Мария\x00"}),
    Case("patronymic-nul-byte", "id_patronymic", NUL, {"patronymic": "\x00Петровна"}),
    Case("surname-digits", "id_surname", NAME_CHARS, {"surname": "Иванова2"}),
    Case("surname-html", "id_surname", NAME_CHARS, {"surname": "<b>Иванова</b>"}),
    Case("surname-too-long", "id_surname", "Не более 100 знаков.", {"surname": "Я" * 101}),
    Case("first-name-no-letters", "id_first_name", "Укажите хотя бы одну букву.", {"first_name": "--"}),
    Case("patronymic-symbols", "id_patronymic", NAME_CHARS, {"patronymic": "Петровна!"}),
    # The reply address is the identity's
    Case(
        "email-differs-from-identity",
        "id_email",
        "Адрес для ответа — это адрес, подтверждённый при идентификации (ivanova@example.ru).",
        {"email": "someone.else@example.ru"},
    ),
    Case(
        "email-foreign-zone-instead-of-identity",
        "id_email",
        "Чтобы указать другой адрес, пройдите идентификацию с ним.",
        {"email": "ivanova@gmail.com"},
    ),
    # Phone and address
    Case("phone-letters", "id_phone", PHONE, {"phone": "звонить вечером"}),
    Case("phone-too-short", "id_phone", PHONE, {"phone": "12-34"}),
    Case("phone-too-long", "id_phone", PHONE, {"phone": "+7 " + "9" * 40}),
    Case("address-nul-byte", "id_postal_address", NUL, {"postal_address": "ул. Садовая\x00, д. 1"}),
    Case("address-too-long", "id_postal_address", "Не более 500 знаков.", {"postal_address": "д" * 501}),
    # Addressee, topic, kind
    Case("addressee-missing", "id_addressee", "Выберите, кому адресовано обращение.", {"addressee": ""}),
    Case("addressee-unknown", "id_addressee", "Выберите адресата из списка.", {"addressee": "999999"}),
    Case("addressee-not-a-number", "id_addressee", "Выберите адресата из списка.", {"addressee": "1 OR 1=1"}),
    Case("addressee-inactive", "id_addressee", "Выберите адресата из списка.", {"addressee": "@inactive_addressee"}),
    Case("topic-missing", "id_topic", "Выберите тему обращения.", {"topic": ""}),
    Case("topic-unknown", "id_topic", "Выберите тему из списка.", {"topic": "424242"}),
    Case("topic-inactive", "id_topic", "Выберите тему из списка.", {"topic": "@inactive_topic"}),
    Case(
        "kind-missing",
        "id_kind_0",
        "Выберите вид обращения: предложение, заявление или жалоба.",
        {"kind": None},
        error_id="id_kind_error",
    ),
    Case(
        "kind-invalid",
        "id_kind_0",
        "Выберите вид обращения из предложенных: предложение, заявление или жалоба.",
        {"kind": "petition"},
        error_id="id_kind_error",
    ),
    # Consent
    Case(
        "consent-missing",
        "id_consent",
        "Отметьте согласие на обработку персональных данных: без него обращение не может быть принято.",
        {"consent": None},
    ),
    # Co-authors
    Case(
        "co-author-foreign-zone",
        "id_coauthor-0-email",
        CO_AUTHOR_ZONES,
        {"coauthor-0-name": "Сидоров Сидор", "coauthor-0-email": "sidorov@gmail.com"},
    ),
    Case(
        "co-author-foreign-zone-org",
        "id_coauthor-1-email",
        CO_AUTHOR_ZONES,
        {"coauthor-1-name": "Кузнецова Анна", "coauthor-1-email": "anna@example.org"},
    ),
    Case(
        "co-author-not-an-address",
        "id_coauthor-0-email",
        "В адресе должен быть один знак «@», например ivanov@mail.ru.",
        {"coauthor-0-name": "Сидоров Сидор", "coauthor-0-email": "sidorov.example.ru"},
    ),
    Case(
        "co-author-email-without-name",
        "id_coauthor-0-name",
        "Укажите фамилию, имя и отчество соавтора.",
        {"coauthor-0-email": "sidorov@example.ru"},
    ),
    Case(
        "co-author-same-address-twice",
        "id_coauthor-1-email",
        "Этот адрес уже указан у другого соавтора.",
        {
            "coauthor-0-name": "Сидоров Сидор",
            "coauthor-0-email": "sidorov@example.ru",
            "coauthor-1-name": "Сидорова Анна",
            "coauthor-1-email": "Sidorov@Example.RU",
        },
    ),
    Case(
        "co-author-applicant-own-address",
        "id_coauthor-0-email",
        "Это ваш адрес: укажите адрес соавтора или оставьте поле пустым.",
        {"coauthor-0-name": "Иванова Мария", "coauthor-0-email": "ivanova@example.ru"},
    ),
    Case(
        "co-author-name-nul-byte",
        "id_coauthor-0-name",
        NUL,
        {"coauthor-0-name": "Сидоров\x00", "coauthor-0-email": "s@example.ru"},
    ),
    # Attachments, checked by content
    Case(
        "exe-renamed-pdf",
        "id_attachments",
        "Содержимое файла «заявление.pdf» не соответствует формату PDF.",
        files=lambda: [upload("заявление.pdf", _exe(), "application/pdf")],
    ),
    Case(
        "zip-renamed-docx",
        "id_attachments",
        "Содержимое файла «письмо.docx» не соответствует формату DOCX.",
        files=lambda: [upload("письмо.docx", _plain_zip())],
    ),
    Case(
        "heic-renamed-jpg",
        "id_attachments",
        "Файл «IMG_0042.jpg» — изображение в формате HEIC, а такие файлы не принимаются.",
        files=lambda: [upload("IMG_0042.jpg", b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 200)],
    ),
    Case(
        "webp-renamed-png",
        "id_attachments",
        "Файл «фото.png» — изображение в формате WEBP, а такие файлы не принимаются.",
        files=lambda: [upload("фото.png", _webp(), "image/png")],
    ),
    Case(
        "truncated-png",
        "id_attachments",
        "Содержимое файла «схема.png» не соответствует формату PNG.",
        files=lambda: [upload("схема.png", png_bytes()[:30], "image/png")],
    ),
    Case(
        "html-renamed-txt",
        "id_attachments",
        "Файл «пояснение.txt» содержит HTML-разметку (веб-страницу), а не простой текст.",
        files=lambda: [upload("пояснение.txt", b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>")],
    ),
    Case(
        "txt-invalid-utf8",
        "id_attachments",
        "Файл «пояснение.txt» содержит ошибки кодировки. Сохраните его в кодировке UTF-8 и приложите снова.",
        files=lambda: [upload("пояснение.txt", "Прошу проверить ".encode() + b"\xff\xfe" + "начисления".encode())],
    ),
    Case(
        "txt-binary-nul-bytes",
        "id_attachments",
        "Файл «пояснение.txt» содержит двоичные данные, а не текст.",
        files=lambda: [upload("пояснение.txt", b"text\x00\x01\x02binary")],
    ),
    Case(
        "empty-file",
        "id_attachments",
        "Файл «пусто.pdf» пустой. Приложите файл с содержимым.",
        files=lambda: [upload("пусто.pdf", b"", "application/pdf")],
    ),
    Case(
        "exe-extension",
        "id_attachments",
        "Файл «setup.exe»: такие файлы не принимаются. "
        "Допустимые форматы: PDF, JPG, PNG, DOC, DOCX, XLS, XLSX, ODT, ODS, RTF, TXT.",
        files=lambda: [upload("setup.exe", _exe())],
    ),
    Case(
        "no-extension",
        "id_attachments",
        "Файл «README»: такие файлы не принимаются.",
        files=lambda: [upload("README", b"hello")],
    ),
    Case(
        "file-over-10-mb",
        "id_attachments",
        "Файл «большой.pdf» больше 10 МБ. Уменьшите его размер.",
        files=lambda: [pdf_upload("большой.pdf", _pdf_of_size(10 * MB + 1))],
    ),
    Case(
        "too-many-files",
        "id_attachments",
        "Можно приложить не более 5 файлов. Файл «6.pdf» не принят.",
        files=lambda: [pdf_upload(f"{i}.pdf", PDF_BYTES + str(i).encode()) for i in range(1, 7)],
        staged=5,
    ),
    Case(
        "total-over-25-mb",
        "id_attachments",
        "Общий размер файлов не должен превышать 25 МБ. Файл «3.pdf» не принят.",
        files=lambda: [pdf_upload(f"{i}.pdf", _pdf_of_size(9 * MB) + str(i).encode()) for i in range(1, 4)],
        staged=2,
    ),
    Case(
        "same-file-twice",
        "id_attachments",
        # Found from outside: «копия.pdf» was said to be «уже приложен», though it never was.
        "Файл «копия.pdf» не принят: он совпадает с уже приложенным файлом «квитанция.pdf».",
        files=lambda: [pdf_upload("квитанция.pdf"), pdf_upload("копия.pdf")],
        staged=1,
    ),
    Case(
        "same-file-again",
        "id_attachments",
        "Файл «квитанция.pdf» уже приложен.",
        files=lambda: [pdf_upload("квитанция.pdf"), pdf_upload("квитанция.pdf")],
        staged=1,
    ),
    Case(
        "zip-bomb-docx",
        "id_attachments",
        "Файл «заявление.docx» при открытии занимает слишком много места",
        files=lambda: [upload("заявление.docx", _zip_bomb_docx())],
    ),
    Case(
        "file-name-with-html",
        "id_attachments",
        "Файл «<img src=x onerror=alert(1)>.exe»: такие файлы не принимаются.",
        files=lambda: [upload("<img src=x onerror=alert(1)>.exe", _exe())],
    ),
    # Robots
    Case(
        "honeypot-filled",
        None,
        "Форма заполнена автоматически и не может быть принята.",
        {"website_url": "http://spam.example.com"},
    ),
]

# A co-author's postal address is checked as the applicant's is: every case of the applicant's address again in
# a co-author's row (so a rule added to one is tried on the other), and an address given without a name.
CASES += [
    Case(
        f"co-author-{case.id}",
        "id_coauthor-0-postal_address",
        case.message,
        {"coauthor-0-name": "Сидоров Сидор", "coauthor-0-postal_address": case.data["postal_address"]},
    )
    for case in CASES
    if case.target == "id_postal_address"
]
CASES.append(
    Case(
        "co-author-address-without-name",
        "id_coauthor-0-name",
        "Укажите фамилию, имя и отчество соавтора.",
        {"coauthor-0-postal_address": "г. Энск, ул. Лесная, д. 2"},
    )
)


def _webp() -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8)).save(buffer, format="WEBP")
    return buffer.getvalue()


def _resolve(data: dict, inactive_addressee, inactive_topic) -> dict:
    specials = {"@inactive_addressee": str(inactive_addressee.pk), "@inactive_topic": str(inactive_topic.pk)}
    return {k: specials.get(v, v) if isinstance(v, str) else v for k, v in data.items()}


@pytest.fixture
def inactive_refs(db):
    from appeals_form.factories import AddresseeFactory, TopicFactory

    return AddresseeFactory(name="Упразднённый комитет", is_active=False), TopicFactory(
        title="Старая тема", is_active=False
    )


def _assert_nothing_registered():
    assert Appeal.objects.count() == 0
    assert OutboxMessage.objects.count() == 0


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input_is_explained_next_to_its_field(case, applicant, form_page, valid_post, inactive_refs, private_root):
    data = valid_post(**_resolve(case.data, *inactive_refs))
    if case.files:
        data["attachments"] = case.files()

    response = applicant.post(form_page.url, data)
    if case.id == "text-3-mb":  # more than a draft keeps: answered in place, so that the text stays on screen
        assert response.status_code == 200
        assert parse(response).select_one("#id_text").get_text().strip() == data["text"]
    else:  # Post/Redirect/Get: Back and reload open the draft's address
        assert response.status_code == 303 and "draft=" in response["Location"]
        response = applicant.get(response["Location"])
    html = parse(response)
    summary = html.select_one("#error-summary")
    assert summary is not None and summary["role"] == "alert"
    assert html.title.get_text().startswith("Ошибка: ")
    if case.target is None:
        assert case.message in summary.get_text()
    else:
        error_id = case.error_id or f"{case.target}_error"
        error = html.select_one(f"[id='{error_id}']")
        assert error is not None, f"no error element #{error_id}"
        assert case.message in error.get_text(), error.get_text()
        control = html.select_one(f"[id='{case.target}']")
        assert control["aria-invalid"] == "true"
        described = control.get("aria-describedby") or control.find_parent("fieldset").get("aria-describedby", "")
        assert error_id in described.split()
        links = [a for a in summary.select("a") if a["href"] == f"#{case.target}"]
        assert links and case.message in links[0].get_text()
        if case.target.startswith("id_coauthor-"):  # the summary names the row and its field («Соавтор 1, …»)
            _, row, field = case.target.split("-")
            named = f"Соавтор {int(row) + 1}, {CO_AUTHOR_SUMMARY_LABELS[field]}:"
            assert named in links[0].get_text(), links[0].get_text()
    # What the resident typed is still there.
    if "text" not in case.data:
        assert html.select_one("#id_text").get_text().strip() == data["text"]
    assert html.select_one("input[name=form_token]")["value"] == data["form_token"]
    _assert_nothing_registered()
    assert len(staged_paths(private_root)) == case.staged


def test_catalogue_has_at_least_forty_cases():
    assert len({c.id for c in CASES}) == len(CASES) >= 40


def test_file_name_with_html_is_shown_escaped(applicant, form_page, valid_post):
    response = sent_back(
        applicant, form_page.url, valid_post(attachments=[upload("<img src=x onerror=alert(1)>.exe", _exe())])
    )

    body = response.content.decode()
    assert "<img src=x" not in body
    assert "&lt;img src=x onerror=alert(1)&gt;.exe" in body


def test_invalid_utf8_bytes_in_the_posted_text_are_refused(applicant, form_page, valid_post):
    data = valid_post(text="MARKER")
    body = encode_multipart(BOUNDARY, data).replace(b"MARKER", "Прошу ".encode() + b"\xd0\xff\xfe")

    response = applicant.generic("POST", form_page.url, body, content_type=MULTIPART_CONTENT)
    assert response.status_code == 303
    response = applicant.get(response["Location"])
    assert ENCODING in parse(response).select_one("#id_text_error").get_text()
    _assert_nothing_registered()


def test_script_in_the_text_is_shown_escaped_on_preview_and_status(applicant, form_page, valid_post):
    script = '<script>alert("x")</script><b onmouseover=alert(1)>жирный</b>'
    data = valid_post(text=f"Текст {script}\nвторая строка")

    preview = applicant.get(applicant.post(form_page.url, data)["Location"])
    status = applicant.get(
        applicant.post(form_page.url, {"form_token": data["form_token"], "action": "send"})["Location"]
    )

    for response in (preview, status):
        body = response.content.decode()
        assert "<script>alert" not in body
        assert "<b onmouseover" not in body
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in preview.content.decode()
    assert status.status_code == 200
    assert Appeal.objects.get().text == f"Текст {script}\nвторая строка"


def test_missing_identity_is_refused_with_the_way_to_identify(client, form_page, valid_post, private_root):
    response = shown_again(client, client.post(form_page.url, valid_post(attachments=pdf_upload())), status=403)

    html = parse(response)
    assert "Пройдите идентификацию ещё раз" in html.get_text()
    assert html.find("a", string="Пройти идентификацию") is not None
    _assert_nothing_registered()
    assert staged_paths(private_root) == []


def test_expired_identity_is_refused(client, form_page, fresh_identity, valid_post, private_root):
    login(client, expired(fresh_identity))

    response = shown_again(client, client.post(form_page.url, valid_post()), status=403)

    assert "срок идентификации истёк" in response.content.decode()
    _assert_nothing_registered()


def test_identity_expired_between_check_and_send(applicant, client, form_page, fresh_identity, valid_post):
    data = valid_post()
    applicant.post(form_page.url, data)
    login(applicant, expired(fresh_identity))

    response = applicant.post(form_page.url, {"form_token": data["form_token"], "action": "send"})

    shown_again(applicant, response, status=403)
    _assert_nothing_registered()


def test_missing_csrf_token_is_refused_with_the_russian_page(form_page, fresh_identity, valid_post, private_root):
    client = Client(enforce_csrf_checks=True)
    login(client, fresh_identity)

    response = client.post(form_page.url, valid_post(attachments=pdf_upload()))

    assert response.status_code == 403
    html = parse(response)
    assert html.h1.get_text() == "Форма не отправлена"
    assert "файлы cookie" in html.get_text()
    _assert_nothing_registered()
    assert staged_paths(private_root) == []


def test_replayed_submission_gives_the_same_appeal(applicant, form_page, valid_post):
    data = valid_post()
    applicant.post(form_page.url, data)
    send = {"form_token": data["form_token"], "action": "send"}

    locations = {applicant.post(form_page.url, send)["Location"] for _ in range(3)}

    assert Appeal.objects.count() == 1
    assert len(locations) == 1


def test_sending_over_the_rate_limit_is_refused_and_the_draft_kept(applicant, form_page, valid_post, settings):
    settings.APPEALS_SUBMIT_LIMIT_PER_IDENTITY = 1
    first = valid_post()
    applicant.post(form_page.url, first)
    applicant.post(form_page.url, {"form_token": first["form_token"], "action": "send"})
    second = valid_post(text="Второе обращение")
    applicant.post(form_page.url, second)

    refused = applicant.post(form_page.url, {"form_token": second["form_token"], "action": "send"})

    # 303 to the check step, which answers 429 while the limit holds: Back and reload never resend.
    response = shown_again(applicant, refused, status=429)
    assert 0 < int(response["Retry-After"]) <= 3600
    html = parse(response)
    assert "Слишком много обращений за короткое время" in html.select_one("#error-summary").get_text()
    assert "Второе обращение" in html.select_one(".appeal-text").get_text()
    assert Appeal.objects.count() == 1
    assert OutboxMessage.objects.count() == 1


def test_sending_over_the_ip_rate_limit_is_refused(applicant, form_page, valid_post, settings):
    settings.APPEALS_SUBMIT_LIMIT_PER_IP = 0
    data = valid_post()
    applicant.post(form_page.url, data)

    response = applicant.post(form_page.url, {"form_token": data["form_token"], "action": "send"})

    shown_again(applicant, response, status=429)
    _assert_nothing_registered()


def test_other_methods_are_not_allowed(applicant, form_page):
    assert applicant.put(form_page.url).status_code == 405


def test_tampered_form_token_gets_a_fresh_one(applicant, form_page, valid_post):
    response = sent_back(applicant, form_page.url, valid_post(form_token="../../etc/passwd", text=""))

    token = parse(response).select_one("input[name=form_token]")["value"]
    assert token != "../../etc/passwd"
    assert len(token) == 36


def test_uploaded_file_name_path_is_stripped(applicant, form_page, valid_post, private_root):
    data = valid_post(attachments=SimpleUploadedFile("..\\..\\windows\\квитанция.pdf", PDF_BYTES, "application/pdf"))
    preview = applicant.get(applicant.post(form_page.url, data)["Location"])

    assert "квитанция.pdf" in preview.content.decode()
    assert "windows" not in preview.content.decode()
    assert all(p.startswith("staging/") for p in staged_paths(private_root))


# Line and page breaks other programs put into a copied text (Word's Shift+Enter is a vertical tab, its page
# break a form feed; PDF viewers and editors give the Unicode separators or NEL). Found from outside:
# «Поле содержит недопустимые управляющие символы.» for characters nobody can see to remove.
PASTED_BREAKS = ["\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"]


@pytest.mark.parametrize("pasted", PASTED_BREAKS, ids=lambda char: f"U+{ord(char):04X}")
def test_a_text_pasted_with_another_programs_line_breaks_is_registered_with_line_breaks(
    pasted, applicant, form_page, valid_post
):
    data = valid_post(
        text=f"Во дворе не горят фонари.{pasted}Прошу принять меры.",
        postal_address=f"140000, г. Энск,{pasted}ул. Садовая, д. 1",
        surname=f"Иванова{pasted}",
    )
    preview = applicant.post(form_page.url, data)
    assert preview.status_code == 303, parse(preview).select_one("#error-summary")
    applicant.post(form_page.url, {"form_token": data["form_token"], "action": "send"})

    appeal = Appeal.objects.get()
    assert appeal.text == "Во дворе не горят фонари.\nПрошу принять меры."
    assert appeal.postal_address == "140000, г. Энск,\nул. Садовая, д. 1"
    assert appeal.surname == "Иванова"


def test_every_co_author_field_has_its_name_in_the_error_summary():
    """Found from outside: a co-author's too long postal address was summarised as «Соавтор 1, электронная
    почта»: every field of a co-author's row has its own name there."""
    from appeals_form.forms import CoAuthorForm

    assert set(CO_AUTHOR_FIELDS) == set(CoAuthorForm.base_fields) == set(CO_AUTHOR_SUMMARY_LABELS)
