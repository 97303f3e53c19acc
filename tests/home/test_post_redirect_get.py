"""Every public POST answered without JavaScript ends in a redirect (Post/Redirect/Get, ``home.posted``).

Found from outside: the identification steps, «identification expired», the rate limits (429) and a refused
registration answered the POST in place, so reload or Back asked to send the form again (Chromium's
ERR_CACHE_MISS, «Подтвердите повторную отправку формы»). ``CASES`` is the one list of the public POSTs with
mistakes or refused: each must answer 303, and the GET of its address must show the same Russian messages
(tied to their fields by ``aria-describedby``), what was typed (never a secret: the one-time code), and the
refusal's status (429 with Retry-After, 403). ``test_every_public_form_is_in_the_list`` fails when a public
template gets a POST form that is not here nor among the justified exceptions.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.urls import reverse

from appeals_form import services as appeal_services
from identity.models import EmailCode
from tests.appeals.appeal_form_helpers import (  # noqa: F401  (fixtures)
    applicant,
    expired,
    form_page,
    fresh_identity,
    login,
    private_root,
    valid_post,
)
from tests.appeals.conftest import addressee, topic  # noqa: F401  (fixtures)
from tests.schedules.conftest import (  # noqa: F401  (fixtures)
    _clear_cache,
    first_open_option,
    place,
    schedule_page,
    signup_data,
    slot_official,
)

pytestmark = pytest.mark.django_db

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
POST_FORM_RE = re.compile(r'<form\b[^>]*method="post"', re.I)
# Public forms answered in place on purpose, each for its reason.
JUSTIFIED_IN_PLACE = {
    # The database is unreachable: the session (where a POST would be kept) is in it; the page repeats the POST.
    "503_database.html": "no session store to keep the POST in",
}
# Also answered in place, and why (no template of their own posts them):
# - the CSRF failure page (403): an unverified POST must never write into the visitor's session;
# - a body over DATA_UPLOAD_MAX_MEMORY_SIZE (413): it is not read at all;
# - a value longer than a session keeps (``home.posted.fits``, the appeal's draft): on the screen, not lost;
# - the document system's webhook (forwarding): a machine's endpoint, not a form.

APPLICANT = "zhitel@example.ru"


@dataclass(frozen=True)
class Case:
    name: str
    template: str  # the public template whose form is posted
    post: Callable  # (ctx) -> the POST's response
    shows: tuple[str, ...]  # messages and values the redirect's GET shows
    status: int = 200  # what that GET answers
    field_errors: tuple[tuple[str, str], ...] = ()  # (input name, message) tied by aria-describedby
    never: tuple[str, ...] = ()  # what must not come back (secrets)
    marker: bool = True  # the address carries ``?errors=1`` (home.posted); False: an address of its own


@dataclass
class Ctx:
    client: object
    settings: object
    monkeypatch: object
    valid_post: Callable
    form_page: object
    fresh_identity: object
    schedule_page: object
    official: object
    on_commit: Callable  # runs the on-commit callbacks (the e-mails) as after a real commit


# -- the POSTs ---------------------------------------------------------------------------------------------------


def _send_code(ctx, email="ivanov@mail.ru"):
    return ctx.client.post(reverse("identity:send_code"), {"email": email, "next": "/obrashcheniya/"})


def _code_sent(ctx) -> str:
    with ctx.on_commit(execute=True):
        assert _send_code(ctx).status_code == 303
    return re.search(r"\b(\d{6})\b", mail.outbox[-1].body).group(1)


def _wrong_code(ctx):
    code = _code_sent(ctx)
    return ctx.client.post(reverse("identity:code"), {"code": "000000" if code != "000000" else "999999"})


def _dead_code(ctx):
    code = _code_sent(ctx)
    EmailCode.objects.all().delete()
    return ctx.client.post(reverse("identity:code"), {"code": code})


def _send_limited(ctx):
    ctx.settings.IDENTITY_CODE_PER_IP = 0
    return _send_code(ctx, email="limit@mail.ru")


def _appeal(ctx, **values):
    login(ctx.client, ctx.fresh_identity)
    return ctx.client.post(ctx.form_page.url, ctx.valid_post(**values))


def _appeal_expired(ctx):
    login(ctx.client, expired(ctx.fresh_identity))
    return ctx.client.post(ctx.form_page.url, ctx.valid_post(text="Текст, набранный после истечения."))


def _checked(ctx):
    """An appeal through the check step: the data of its «Отправить»."""
    data = ctx.valid_post(text="Фонари не горят у дома 7.")
    assert _appeal(ctx, **data).status_code == 303
    return {"form_token": data["form_token"], "action": "send"}


def _send_limited_appeal(ctx):
    send = _checked(ctx)
    ctx.settings.APPEALS_SUBMIT_LIMIT_PER_IP = 0
    return ctx.client.post(ctx.form_page.url, send)


def _send_refused(ctx):
    send = _checked(ctx)

    def refuse(**kwargs):
        raise appeal_services.AppealRejected("Адресат больше не принимает обращения. Выберите другого.")

    ctx.monkeypatch.setattr(appeal_services, "register_appeal", refuse)
    return ctx.client.post(ctx.form_page.url, send)


def _draft_lost(ctx):
    login(ctx.client, ctx.fresh_identity)
    return ctx.client.post(ctx.form_page.url, {"form_token": "7d1c3a52-1f6e-4f55-9d59-0b3f4f1b0b51", "action": "send"})


def _lookup(ctx, number="ОГ-2026-000777", email="a@example.ru"):
    return ctx.client.post(reverse("appeals:status_lookup"), {"number": number, "email": email})


def _lookup_limited(ctx):
    ctx.settings.APPEALS_STATUS_LOOKUP_LIMIT = 0
    return _lookup(ctx)


def _signup_url(ctx) -> str:
    return ctx.schedule_page.url + f"{ctx.official.slug}/zapis/"


def _signup(ctx, **values):
    _, choice, _ = first_open_option(ctx.official)
    return ctx.client.post(_signup_url(ctx), signup_data(choice, **values))


def _signup_limited(ctx):
    ctx.settings.SCHEDULES_SIGNUP_LIMIT_PER_IP = 0
    return _signup(ctx)


def _cancel(ctx):
    with ctx.on_commit(execute=True):
        assert _signup(ctx).status_code == 303
    token = re.search(r"/priem/otmena/(\S+)/", mail.outbox[-1].body).group(1)
    return ctx.client.post(reverse("schedules:cancel", args=[token]))


def _logout(ctx):
    login(ctx.client, ctx.fresh_identity)
    return ctx.client.post(reverse("identity:logout"), {"next": ctx.form_page.url})


START, CODE = "identity/start.html", "identity/code.html"
FORM, PREVIEW = "appeals_form/appeal_form_page.html", "appeals_form/appeal_form_page_preview.html"
LOOKUP, SIGNUP, CANCEL = "appeals_form/status_lookup.html", "schedules/signup.html", "schedules/cancel.html"
ADDRESS_ERROR = "запятая вместо точки"

CASES = [
    Case(
        "bad address",
        START,
        lambda ctx: _send_code(ctx, email="ivanov@mail,ru"),
        shows=("ivanov@mail,ru", "Получить код"),
        field_errors=(("email", ADDRESS_ERROR),),
    ),
    Case(
        "code requests limited",
        START,
        _send_limited,
        shows=("limit@mail.ru", "Слишком много запросов кода подтверждения"),
        status=429,
    ),
    Case(
        "wrong code",
        CODE,
        _wrong_code,
        shows=("Неверный код. Осталось 4 попытки.",),
        field_errors=(("code", "Неверный код."),),
        never=('value="000000"', 'value="999999"'),  # a secret: never kept, never shown again
    ),
    Case("dead code", CODE, _dead_code, shows=("больше не действует", "Запросить новый код")),
    Case(
        "appeal with mistakes",
        FORM,
        lambda ctx: _appeal(ctx, first_name="", text="Мой текст обращения."),
        shows=("Мой текст обращения.",),
        field_errors=(("first_name", "Укажите имя."),),
        marker=False,  # the draft's own address (appeals_form.drafts keeps the values and their errors)
    ),
    Case(
        "identification expired",
        "appeals_form/appeal_form_page_identify.html",
        _appeal_expired,
        shows=("срок идентификации истёк", "Пройти идентификацию"),
        status=403,
    ),
    Case(
        "sending limited",
        PREVIEW,
        _send_limited_appeal,
        shows=("Слишком много обращений за короткое время", "Фонари не горят у дома 7."),
        status=429,
    ),
    Case(
        "registration refused",
        PREVIEW,
        _send_refused,
        shows=("Адресат больше не принимает обращения", "Фонари не горят у дома 7."),
    ),
    Case("draft lost", FORM, _draft_lost, shows=("Черновик обращения не найден",)),
    Case(
        "status lookup with mistakes",
        LOOKUP,
        lambda ctx: _lookup(ctx, email="a@gmail.com"),
        shows=("ОГ-2026-000777", "a@gmail.com"),
        field_errors=(("email", "доменных зонах"),),
    ),
    Case(
        "status lookup limited", LOOKUP, _lookup_limited, shows=("Слишком много запросов", "ОГ-2026-000777"), status=429
    ),
    Case(
        "sign-up with mistakes",
        SIGNUP,
        lambda ctx: _signup(ctx, first_name="", question="Про крышу"),
        shows=("Петрова", "Про крышу"),
        field_errors=(("first_name", "имя"),),
    ),
    Case("sign-up limited", SIGNUP, _signup_limited, shows=("Слишком много записей", "Петрова"), status=429),
    Case("cancel", CANCEL, _cancel, shows=("Запись отменена", "Спасибо, что предупредили"), marker=False),
    Case("leave", "identity/includes/logout", _logout, shows=("Пройти идентификацию",), marker=False),
]


# -- the checks --------------------------------------------------------------------------------------------------


def _assert_tied(html: BeautifulSoup, name: str, message: str) -> None:
    field = html.select_one(f'[name="{name}"]:not([type=hidden])')
    assert field is not None and field.get("aria-invalid") == "true", f"{name} is not marked invalid"
    described = [html.find(id=ref) for ref in field.get("aria-describedby", "").split()]
    texts = " ".join(node.get_text(" ", strip=True) for node in described if node is not None)
    assert message in texts, f"{name}: {message!r} not among its aria-describedby ({texts!r})"


def _ctx(request, client, settings, monkeypatch) -> Ctx:
    fixtures = ("valid_post", "form_page", "fresh_identity", "schedule_page", "slot_official")
    return Ctx(
        client,
        settings,
        monkeypatch,
        *(request.getfixturevalue(name) for name in fixtures),
        on_commit=request.getfixturevalue("django_capture_on_commit_callbacks"),
    )


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_a_public_post_with_mistakes_or_refused_ends_in_a_redirect(case, client, settings, monkeypatch, request):
    ctx = _ctx(request, client, settings, monkeypatch)
    mail.outbox = []
    response = case.post(ctx)
    assert response.status_code == 303, f"{case.name}: the POST was answered in place (HTTP {response.status_code})"
    location = response["Location"]
    assert ("errors=1" in location) == case.marker, location
    for _ in range(2):  # shown, then reloaded: the same page
        shown = client.get(location, follow=True)
        assert shown.status_code == case.status, f"{case.name}: {location} answered {shown.status_code}"
        assert shown.request["REQUEST_METHOD"] == "GET"
        text = shown.content.decode()
        for expected in case.shows:
            assert expected in text, f"{case.name}: {expected!r} not shown"
        for secret in case.never:
            assert secret not in text, f"{case.name}: {secret!r} came back"
        html = BeautifulSoup(text, "html.parser")
        for name, message in case.field_errors:
            _assert_tied(html, name, message)
    if case.status == 429:
        assert 0 < int(shown["Retry-After"]) <= 24 * 3600


def test_every_public_form_is_in_the_list():
    posting = set()
    for path in TEMPLATES.rglob("*.html"):
        relative = path.relative_to(TEMPLATES).as_posix()
        if "admin" not in relative.split("/")[:-1] and POST_FORM_RE.search(path.read_text(encoding="utf-8")):
            posting.add(relative)
    listed = {case.template for case in CASES} | set(JUSTIFIED_IN_PLACE)
    logout_forms = {"identity/start.html", "appeals_form/includes/identity_box.html"}  # the «leave» case
    missing = sorted(posting - listed - logout_forms)
    assert not missing, f"public POST forms not walked by CASES (nor justified): {missing}"


def test_a_limit_that_no_longer_holds_shows_the_values_without_it(client, settings, monkeypatch):
    """After the window: the same address (reloaded, or Back) answers 200 with the values, no refusal."""
    from home import posted

    settings.APPEALS_STATUS_LOOKUP_LIMIT = 0
    location = client.post(reverse("appeals:status_lookup"), {"number": "ОГ-2026-000777", "email": "a@mail.ru"})[
        "Location"
    ]
    limited = client.get(location)
    assert limited.status_code == 429
    later = posted._now() + int(limited["Retry-After"])
    monkeypatch.setattr(posted, "_now", lambda: later)
    shown = client.get(location)
    assert shown.status_code == 200 and "Retry-After" not in shown
    assert "ОГ-2026-000777" in shown.content.decode() and "Слишком много запросов" not in shown.content.decode()


LIMITED = [case for case in CASES if case.status == 429]


@pytest.mark.parametrize("case", LIMITED, ids=[case.name for case in LIMITED])
def test_a_rate_limit_says_the_time_still_left_at_each_get(case, client, settings, monkeypatch, request):
    """Found from outside: «…через 58 секунд» was written when the POST was refused and shown so on every
    reload, while ``Retry-After`` counted down. The page and the header say the same time at each GET, and
    nothing of waiting once it is over."""
    from home import posted, ratelimit, textformat

    ctx = _ctx(request, client, settings, monkeypatch)
    monkeypatch.setattr(ratelimit, "retry_after", lambda **kwargs: 3600)  # the window's end, whatever the clock
    start = posted._now()
    monkeypatch.setattr(posted, "_now", lambda: start)
    location = case.post(ctx)["Location"]
    first = 3600
    for passed in (0, first - 125, first - 41):  # minutes, then seconds left
        monkeypatch.setattr(posted, "_now", lambda passed=passed: start + passed)
        shown = client.get(location)
        left = int(shown["Retry-After"])
        assert shown.status_code == 429 and 0 < left <= first - passed
        assert f"через {textformat.duration(left)}" in shown.content.decode(), f"{case.name}: {left} s not said"
    assert "через 41\xa0секунду" in shown.content.decode()
    monkeypatch.setattr(posted, "_now", lambda: start + first)
    over = client.get(location)
    assert over.status_code == 200 and "Retry-After" not in over
    assert not re.search(r"через \d+\s(секунд|минут)", over.content.decode())


def test_other_methods_on_the_public_post_addresses_are_refused_with_405(client):
    """Found by reading: the status lookup's method check guarded a helper, not the view; PUT was a 500."""
    urls = [
        reverse("appeals:status_lookup"),
        reverse("identity:send_code"),
        reverse("identity:code"),
        reverse("identity:logout"),
        reverse("schedules:cancel", args=["x" * 43]),
    ]
    for url in urls:
        assert client.put(url).status_code == 405, url
