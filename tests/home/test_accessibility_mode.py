"""The version for the visually impaired: the cookie, the /vision/ switch and what pages render."""

import io
import json

import pytest
from django import forms
from django.core.files.images import ImageFile
from django.template import Context, Template
from PIL import Image as PILImage
from wagtail.images.models import Image
from wagtail.models import Page, Site

from home.accessibility import COOKIE_MAX_AGE, COOKIE_NAME, VisionPrefs, apply_changes, parse_cookie
from home.models import HomePage, StandardPage

# ---- The cookie ----


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("large.bw.on", VisionPrefs(enabled=True, size="large", scheme="bw", images="on")),
        ("xlarge.wb.off", VisionPrefs(enabled=True, size="xlarge", scheme="wb", images="off")),
        ("normal.blue.on", VisionPrefs(enabled=True, size="normal", scheme="blue", images="on")),
    ],
)
def test_valid_cookie_turns_the_mode_on(value, expected):
    assert parse_cookie(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        None,
        "",
        "large",
        "large.bw",
        "large.bw.on.extra",
        "huge.bw.on",
        "large.red.on",
        "large.bw.maybe",
        "LARGE.BW.ON",
        "large.bw.on ",
        '"><script>alert(1)</script>',
        "..",
        "large..on",
    ],
)
def test_missing_or_tampered_cookie_means_the_standard_version(value):
    prefs = parse_cookie(value)
    assert prefs.enabled is False
    assert prefs.html_classes == ""


def test_every_combination_round_trips_through_the_cookie():
    for size in ("normal", "large", "xlarge"):
        for scheme in ("bw", "wb", "blue"):
            for images in ("on", "off"):
                prefs = VisionPrefs(enabled=True, size=size, scheme=scheme, images=images)
                assert parse_cookie(prefs.to_cookie()) == prefs


def test_html_classes_and_images_off():
    prefs = VisionPrefs(enabled=True, size="xlarge", scheme="blue", images="off")
    assert prefs.html_classes == "vision vision-size-xlarge vision-scheme-blue vision-images-off"
    assert prefs.images_off is True
    assert VisionPrefs(enabled=True, images="on").images_off is False
    # A disabled mode never hides images, whatever its fields say.
    assert VisionPrefs(enabled=False, images="off").images_off is False


def test_apply_changes():
    standard = VisionPrefs()
    assert apply_changes(standard, {"mode": "on"}) == VisionPrefs(enabled=True)
    assert apply_changes(standard, {"scheme": "wb"}) == VisionPrefs(enabled=True, scheme="wb")
    on = VisionPrefs(enabled=True, size="xlarge", scheme="blue")
    assert apply_changes(on, {"images": "off"}) == VisionPrefs(enabled=True, size="xlarge", scheme="blue", images="off")
    assert apply_changes(on, {"size": "gigantic", "scheme": "pink"}) == on
    assert apply_changes(on, {"mode": "off"}) == standard
    assert apply_changes(standard, {"size": "gigantic"}) == standard


# ---- The /vision/ switch ----


@pytest.fixture
def pages(db):
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Обращения граждан", slug="home-vision"))
    site = Site.objects.get(is_default_site=True)
    site.root_page = home
    site.save()
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), "#0d4cd3").save(buffer, format="PNG")
    image = Image.objects.create(title="Приёмная", file=ImageFile(buffer, name="priemnaya.png"))
    body = [
        {"type": "paragraph", "value": "<p>Приёмная на первом этаже.</p>"},
        {"type": "image", "value": {"image": image.pk, "alt_text": "Вход в приёмную", "caption": "Приёмная"}},
    ]
    page = home.add_child(instance=StandardPage(title="Как нас найти", slug="kak-nas-nayti", body=json.dumps(body)))
    return home, page


def test_switch_sets_the_cookie_and_returns_to_the_page(client, db):
    response = client.get("/vision/", {"mode": "on", "next": "/kak-nas-nayti/?a=1"})

    assert response.status_code == 303
    assert response["Location"] == "/kak-nas-nayti/?a=1"
    assert response["Cache-Control"] == "no-store"
    cookie = response.cookies[COOKIE_NAME]
    assert cookie.value == "large.bw.on"
    assert cookie["max-age"] == COOKIE_MAX_AGE
    assert cookie["samesite"] == "Lax"
    assert cookie["path"] == "/"
    assert cookie["httponly"] is True


def test_the_cookie_is_secure_where_the_session_cookie_is(client, db, settings):
    """Production sets SESSION_COOKIE_SECURE: the display cookie then travels over HTTPS only."""
    settings.SESSION_COOKIE_SECURE = True
    cookie = client.get("/vision/", {"mode": "on"}).cookies[COOKIE_NAME]
    assert cookie["secure"] is True
    settings.SESSION_COOKIE_SECURE = False
    assert not client.get("/vision/", {"mode": "on"}).cookies[COOKIE_NAME]["secure"]


def test_switch_changes_one_setting_and_keeps_the_others(client, db):
    client.cookies[COOKIE_NAME] = "xlarge.blue.on"
    response = client.get("/vision/", {"images": "off", "next": "/"})
    assert response.cookies[COOKIE_NAME].value == "xlarge.blue.off"


def test_switch_off_clears_the_cookie(client, db):
    client.cookies[COOKIE_NAME] = "large.wb.on"
    response = client.get("/vision/", {"mode": "off", "next": "/"})

    assert response.status_code == 303
    cookie = response.cookies[COOKIE_NAME]
    assert cookie.value == ""
    assert cookie["max-age"] == 0


@pytest.mark.parametrize(
    "next_url",
    [
        "//evil.example",
        "//evil.example/kak-nas-nayti/",
        "https://evil.example",
        "http://evil.example/path",
        "\\\\evil.example",
        "/\\evil.example",
        "javascript:alert(1)",
        "https://testserver.evil.example/",
    ],
)
def test_switch_refuses_to_send_visitors_off_site(client, db, next_url):
    response = client.get("/vision/", {"mode": "on", "next": next_url})
    assert response.status_code == 303
    assert response["Location"] == "/"


def test_switch_without_next_goes_home(client, db):
    assert client.get("/vision/", {"mode": "on"})["Location"] == "/"


def test_switch_only_answers_get(client, db):
    assert client.post("/vision/", {"mode": "on"}).status_code == 405


# ---- Pages in the chosen mode ----


def test_mode_persists_across_requests(client, pages):
    home, page = pages
    html = client.get(page.url).content.decode()
    assert '<html lang="ru" class="no-js">' in html
    assert "Версия для слабовидящих" in html
    assert "vision-panel" not in html

    client.get("/vision/", {"mode": "on", "size": "xlarge", "next": page.url})

    for url in (page.url, home.url, "/search/?q=приём", "/net-takoy-stranitsy/"):
        html = client.get(url).content.decode()
        assert 'class="no-js vision vision-size-xlarge vision-scheme-bw vision-images-on"' in html, url
        assert "Обычная версия сайта" in html, url
        assert 'aria-labelledby="vision-panel-title"' in html, url

    client.get("/vision/", {"scheme": "wb", "next": "/"})
    assert "vision-size-xlarge vision-scheme-wb" in client.get(page.url).content.decode()

    client.get("/vision/", {"mode": "off", "next": "/"})
    html = client.get(page.url).content.decode()
    assert '<html lang="ru" class="no-js">' in html
    assert "Версия для слабовидящих" in html


def test_panel_marks_the_current_choices_and_links_back_to_the_page(client, pages):
    _, page = pages
    client.cookies[COOKIE_NAME] = "normal.blue.on"
    html = client.get(page.url, {"utm": "x"}).content.decode()

    assert 'class="vision-option vision-option--size-normal"' in html
    # One size, one scheme, one images setting, in each of the two copies (open; folded for phones).
    assert html.count('aria-current="true"') == 6
    assert "next=%2Fkak-nas-nayti%2F%3Futm%3Dx" in html
    assert 'href="/vision/?scheme=wb&amp;next=%2Fkak-nas-nayti%2F%3Futm%3Dx"' in html
    assert 'href="/vision/?mode=off&amp;next=%2Fkak-nas-nayti%2F%3Futm%3Dx"' in html


def test_images_off_prints_the_alt_text_instead_of_the_image(client, pages):
    _, page = pages
    html = client.get(page.url).content.decode()
    assert 'alt="Вход в приёмную"' in html
    assert "Изображение: Вход в приёмную" not in html

    client.cookies[COOKIE_NAME] = "large.bw.off"
    html = client.get(page.url).content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    assert "<img" not in main
    assert "Изображение: Вход в приёмную" in main
    assert "<figcaption>Приёмная" in main


def test_tampered_cookie_renders_the_standard_version(client, pages):
    _, page = pages
    client.cookies[COOKIE_NAME] = '"><script>alert(1)</script>'
    html = client.get(page.url).content.decode()
    assert '<html lang="ru" class="no-js">' in html
    assert "<script>alert(1)</script>" not in html


# ---- The shared form-field include: labels, "обязательное поле", errors tied to controls ----


class _AppealLikeForm(forms.Form):
    surname = forms.CharField(label="Фамилия", help_text="Как в паспорте.")
    patronymic = forms.CharField(label="Отчество", required=False)
    kind = forms.ChoiceField(
        label="Вид обращения", choices=[("p", "Предложение"), ("z", "Заявление")], widget=forms.RadioSelect
    )
    consent = forms.BooleanField(label="Согласен на обработку персональных данных")


def _render(form) -> str:
    return Template(
        "{% for field in form %}{% include 'includes/form_field.html' with field=field %}{% endfor %}"
        "{% include 'includes/form_errors.html' with form=form %}"
    ).render(Context({"form": form}))


def test_form_field_include_labels_every_control_and_marks_required_ones():
    html = _render(_AppealLikeForm())

    assert '<label for="id_surname">Фамилия <span class="required">(обязательное поле)</span></label>' in html
    assert '<label for="id_patronymic">Отчество</label>' in html
    assert '<legend>Вид обращения <span class="required">(обязательное поле)</span></legend>' in html
    assert '<label for="id_consent">Согласен на обработку персональных данных <span class="required">' in html
    assert '<p class="field__hint" id="id_surname_helptext">Как в паспорте.</p>' in html
    assert 'aria-describedby="id_surname_helptext"' in html
    assert "error-summary" not in html


def test_form_field_include_ties_errors_to_their_controls():
    form = _AppealLikeForm(data={})
    assert not form.is_valid()
    html = _render(form)

    assert '<p class="field__error" id="id_surname_error">' in html
    assert 'aria-describedby="id_surname_helptext id_surname_error"' in html
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_kind_error"' in html  # on the radio group's fieldset
    assert 'aria-describedby="id_consent_error"' in html
    # The summary links each error to its field.
    assert '<a href="#id_surname">Фамилия: Требуется заполнить это поле.</a>' in html
    assert '<a href="#id_kind">Вид обращения: Требуется заполнить это поле.</a>' in html
