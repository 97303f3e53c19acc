"""59-ФЗ art. 11 part 5.1 (the address of an answer published on the official site) and art. 8 part 6
(a complaint is never sent to those it complains about; returned when nobody else may consider it)."""

from datetime import date, datetime, timedelta

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, Site

from appeals_form import workflow
from appeals_form.exports import COLUMNS
from appeals_form.models import Appeal, AppealEvent
from appeals_form.public_counts import public_counts
from appeals_form.statistics import register_statistics
from appeals_form.workflow import Action, TransitionRefused, dates
from tests.appeals.queue_helpers import appeal_in, department, make_user, registered_days_ago

pytestmark = pytest.mark.django_db

Status = Appeal.Status
MSK = timezone.get_fixed_timezone(180)
APPEAL_TEXT = "Когда начнут убирать снег во дворах по улице Садовой?"
HOUSING = "Управление жилищно-коммунального хозяйства"


@pytest.fixture
def officer(db):
    return make_user("officer", first_name="Ольга", last_name="Сотрудникова")


@pytest.fixture
def staff(client, officer):
    client.force_login(officer)
    return client


@pytest.fixture
def answer_page(db):
    """A live page of the portal with an answer of general interest (art. 10 part 4)."""
    Site.clear_site_root_paths_cache()  # another test's sites may be cached in this process
    home = Site.objects.get(is_default_site=True).root_page
    return home.add_child(instance=Page(title="Уборка снега во дворах: ответ на обращения", slug="uborka-snega"))


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def complaint(status=Status.REGISTERED, **fields) -> Appeal:
    return appeal_in(status, kind=Appeal.Kind.COMPLAINT, text=APPEAL_TEXT, **fields)


def unchanged(appeal: Appeal) -> dict:
    return Appeal.objects.values().get(pk=appeal.pk)


# -- art. 11 part 5.1: the services ------------------------------------------------------------------------------


def test_the_address_of_a_published_answer_answers_the_appeal(officer, answer_page, on_commit):
    appeal = appeal_in(Status.REGISTERED, text=APPEAL_TEXT, **registered_days_ago(2))
    url = answer_page.get_full_url()
    with on_commit():
        result = workflow.tell_published_answer(appeal=appeal, actor=officer, url=url, title=answer_page.title)

    appeal.refresh_from_db()
    assert (appeal.status, appeal.result, appeal.answered_late) == (Status.ANSWERED, Appeal.Result.ANSWERED, False)
    assert Appeal.PUBLISHED_ANSWER_RESULT == Appeal.Result.ANSWERED  # «Дан ответ автору» in ССТУ.РФ words
    assert (appeal.published_answer_url, appeal.published_answer_title) == (url, answer_page.title)
    assert appeal.answered_at is not None and not [warning for warning in result.warnings if "позже" in warning]
    # A postal address given: the paper copy is asked for, as with every letter to the applicant.
    assert any("направьте сообщение с адресом опубликованного ответа" in warning for warning in result.warnings)
    event = appeal.events.get(kind=AppealEvent.Kind.PUBLISHED_ANSWER)
    assert event.public and event.actor == officer and event.payload["url"] == url
    assert appeal.events.filter(kind=AppealEvent.Kind.NOTIFIED, payload__template="published_answer").exists()

    [letter] = mail.outbox
    assert letter.to == [appeal.email]
    assert "размещён на официальном сайте" in letter.subject
    assert url in letter.body and "части 5.1 статьи 11" in letter.body
    assert APPEAL_TEXT not in letter.body
    assert Action.CLOSE in workflow.allowed_actions(appeal)


def test_the_address_after_seven_days_is_recorded_late(officer, answer_page):
    appeal = appeal_in(Status.IN_WORK, executor=officer, **registered_days_ago(9))
    result = workflow.tell_published_answer(appeal=appeal, actor=officer, url=answer_page.get_full_url())
    appeal.refresh_from_db()
    assert appeal.answered_late is True and appeal.status == Status.ANSWERED
    assert any("позже 7 дней" in warning and "ч. 5.1 ст. 11" in warning for warning in result.warnings)
    assert result.event.payload["late"] is True


@pytest.mark.parametrize(
    ("registered", "direction", "expected"),
    [
        # Calendar days, not working days: Monday 07.12.2026 + 7 = Monday 14.12.2026 (working days: 16.12).
        (datetime(2026, 12, 7, 10, tzinfo=MSK), "backward", date(2026, 12, 14)),
        # 29.12.2026 + 7 = 05.01.2027, in the New Year holidays (31.12.2026 is a transferred day off).
        (datetime(2026, 12, 29, 10, tzinfo=MSK), "backward", date(2026, 12, 30)),
        (datetime(2026, 12, 29, 10, tzinfo=MSK), "forward", date(2027, 1, 11)),
    ],
)
def test_the_seven_days_are_calendar_days_moved_off_a_day_off(registered, direction, expected, settings):
    settings.APPEALS_DEADLINE_SHIFT = direction
    assert dates.published_answer_deadline(registered) == expected


@pytest.mark.parametrize(
    ("url", "code"),
    [
        ("", "url"),
        ("uborka-snega", "url"),
        ("ftp://testserver/uborka-snega/", "url"),
        ("javascript:alert(1)", "url"),
        ("https://zen.example.com/post/uborka", "url_host"),
        ("https://testserver.evil.ru/uborka/", "url_host"),
    ],
)
def test_only_an_address_on_the_official_site_is_sent(url, code, officer):
    appeal = appeal_in(Status.REGISTERED)
    before = unchanged(appeal)
    with pytest.raises(TransitionRefused) as refused:
        workflow.tell_published_answer(appeal=appeal, actor=officer, url=url)
    assert refused.value.code == code
    assert unchanged(appeal) == before and mail.outbox == []


def test_the_administrations_main_site_may_be_named_as_official(officer, settings):
    settings.APPEALS_OFFICIAL_SITE_HOSTS = ["admin-gorod.ru"]
    appeal = appeal_in(Status.REGISTERED)
    workflow.tell_published_answer(appeal=appeal, actor=officer, url="https://ADMIN-gorod.ru/otvety/sneg/")
    assert Appeal.objects.get(pk=appeal.pk).status == Status.ANSWERED


def test_reports_count_it_in_the_sstu_words_and_the_applicant_sees_the_address(officer, answer_page, client):
    on_time = appeal_in(Status.REGISTERED, **registered_days_ago(1))
    late = appeal_in(Status.REGISTERED, **registered_days_ago(10))
    for appeal in (on_time, late):
        workflow.tell_published_answer(appeal=appeal, actor=officer, url=answer_page.get_full_url())
    today = timezone.localdate()
    stats = register_statistics(start=today - timedelta(days=20), end=today)
    by_result = {line.key: (line.label, line.count) for line in stats.by_result}
    assert by_result["answered"] == ("Дан ответ автору", 2)
    assert Appeal.objects.filter(answered_late=True).count() == 1  # «рассмотрено с нарушением срока»
    published = public_counts(start=today - timedelta(days=20), end=today)  # the public statistics page
    assert (published.answered, published.answered_on_time) == (2, 1)
    assert "published_answer_url" not in {column.key for column in COLUMNS if column.personal}

    html = client.get(reverse("appeals:status", args=[on_time.status_token])).content.decode()
    assert f'href="{answer_page.get_full_url()}"' in html  # a link the applicant follows
    assert "Сообщён адрес ответа, опубликованного на официальном сайте" in html


# -- art. 11 part 5.1: the officer's screen -----------------------------------------------------------------------


def test_the_officer_picks_a_published_page_and_the_applicant_is_told(staff, answer_page, on_commit):
    appeal = appeal_in(Status.REGISTERED, **registered_days_ago(0))
    url = f"/admin/appeals/{appeal.pk}/published-answer/"
    detail = staff.get(f"/admin/appeals/{appeal.pk}/").content.decode()
    assert url in detail and "Сообщить адрес опубликованного ответа" in detail
    form = BeautifulSoup(staff.get(url).content, "html.parser")
    # Wagtail's page chooser (a modal of the tree and its search), not a drop-down of every page.
    assert form.select_one("select[name=page]") is None and answer_page.title not in form.get_text()
    assert form.select_one("#id_page-chooser[data-chooser-url]") and form.select_one("input[type=hidden][name=page]")
    limit = dates.published_answer_deadline(appeal.registered_at)
    assert f"до {limit:%d.%m.%Y} включительно" in form.get_text()

    empty = staff.post(url, {"note": "по решению начальника отдела"})
    assert empty.status_code == 200 and "Выберите страницу с ответом или введите её адрес." in empty.content.decode()
    assert "по решению начальника отдела" in empty.content.decode()
    foreign = staff.post(url, {"url": "https://zen.example.com/post/uborka", "note": "служебно"})
    assert "не официальный сайт" in foreign.content.decode()
    assert 'value="https://zen.example.com/post/uborka"' in foreign.content.decode()
    # A page of a tree no site serves has no address to send: said beside the choice.
    orphan = Page.get_first_root_node().add_child(instance=Page(title="Вне сайта", slug="vne-saita"))
    unserved = orphan.add_child(instance=Page(title="Ответ вне сайта", slug="otvet"))
    response = staff.post(url, {"page": unserved.pk})
    assert "У этой страницы нет адреса на сайте" in response.content.decode()
    assert unchanged(appeal)["status"] == Status.REGISTERED and mail.outbox == []

    with on_commit():
        response = staff.post(url, {"page": answer_page.pk, "note": "служебно"})
    assert response.status_code == 302
    appeal.refresh_from_db()
    assert appeal.status == Status.ANSWERED and appeal.published_answer_url == answer_page.get_full_url()
    assert len(mail.outbox) == 1 and answer_page.get_full_url() in mail.outbox[0].body
    card = staff.get(f"/admin/appeals/{appeal.pk}/").content.decode()
    assert "Ответ опубликован" in card and answer_page.title in card and "Дан ответ автору" in card


def test_the_chosen_page_must_be_on_the_site(staff, answer_page, on_commit):
    """The chooser shows the whole tree: a page the residents cannot open is refused beside the choice,
    and the chosen page is shown chosen again; a page on the site is accepted."""
    from home.factories import SectionIndexPageFactory, StandardPageFactory

    appeal = appeal_in(Status.REGISTERED, **registered_days_ago(0))
    url = f"/admin/appeals/{appeal.pk}/published-answer/"
    home = answer_page.get_parent()
    draft_section = SectionIndexPageFactory(parent=home, live=False)
    in_draft = StandardPageFactory(parent=draft_section, title="Ответ в неопубликованном разделе")
    draft = StandardPageFactory(parent=home, title="Черновик ответа", live=False)
    for refused in (in_draft, draft, home, Page.get_first_root_node()):
        response = staff.post(url, {"page": refused.pk})
        html = BeautifulSoup(response.content, "html.parser")
        error = html.select_one("#id_page_error")
        assert error is not None and "Эту страницу нельзя указать" in error.get_text(), refused.title
        assert html.select_one("input[name=page]")["aria-describedby"].endswith("id_page_error")
    assert unchanged(appeal)["status"] == Status.REGISTERED and mail.outbox == []

    with on_commit():
        response = staff.post(url, {"page": answer_page.pk})
    assert response.status_code == 302
    appeal.refresh_from_db()
    assert appeal.published_answer_url == answer_page.get_full_url()
    assert appeal.published_answer_title == answer_page.title


# -- art. 8 part 6: whom a complaint is about -------------------------------------------------------------------


def test_whom_a_complaint_is_about_is_recorded_for_a_complaint_only(officer):
    appeal = complaint()
    result = workflow.record_complaint_against(appeal=appeal, actor=officer, name=f"  {HOUSING} ")
    appeal.refresh_from_db()
    assert (appeal.complaint_against, appeal.status) == (HOUSING, Status.REGISTERED)
    assert result.event.kind == AppealEvent.Kind.COMPLAINT_AGAINST and not result.event.public

    application = appeal_in(Status.REGISTERED, kind=Appeal.Kind.APPLICATION)
    assert Action.COMPLAINT_AGAINST not in workflow.allowed_actions(application)
    with pytest.raises(TransitionRefused) as refused:
        workflow.record_complaint_against(appeal=application, actor=officer, name=HOUSING)
    assert refused.value.code == "not_complaint"


@pytest.mark.parametrize(
    "typed",
    [HOUSING, "управление  жилищно-коммунального хозяйства.", "«Управление жилищно-коммунального хозяйства»"],
)
def test_a_complaint_is_not_redirected_to_whom_it_complains_about(typed, officer):
    appeal = complaint(complaint_against=HOUSING)
    before = unchanged(appeal)
    with pytest.raises(TransitionRefused) as refused:
        workflow.redirect_appeal(appeal=appeal, actor=officer, body=typed)
    assert refused.value.code == "complained_about" and "ч. 6 ст. 8" in refused.value.message
    assert "верните жалобу заявителю" in refused.value.message
    assert unchanged(appeal) == before and mail.outbox == []

    workflow.redirect_appeal(appeal=appeal, actor=officer, body="Государственная жилищная инспекция")
    assert Appeal.objects.get(pk=appeal.pk).status == Status.REDIRECTED


def test_a_proposal_to_the_same_body_is_redirected(officer):
    appeal = appeal_in(Status.REGISTERED, kind=Appeal.Kind.PROPOSAL, complaint_against=HOUSING)
    workflow.redirect_appeal(appeal=appeal, actor=officer, body=HOUSING)
    assert Appeal.objects.get(pk=appeal.pk).status == Status.REDIRECTED


def test_a_complaint_is_not_given_to_the_department_it_complains_about(officer):
    housing, roads = department(HOUSING), department("Управление дорожного хозяйства")
    appeal = complaint(complaint_against=HOUSING)
    with pytest.raises(TransitionRefused, match="ч. 6 ст. 8"):
        workflow.assign_appeal(appeal=appeal, actor=officer, department=housing)
    assert unchanged(appeal)["department_id"] is None

    workflow.assign_appeal(appeal=appeal, actor=officer, department=roads)
    in_housing = complaint(Status.IN_WORK, executor=officer)  # appeal_in gives it HOUSING's department
    result = workflow.record_complaint_against(appeal=in_housing, actor=officer, name=HOUSING)
    assert any("передайте её на рассмотрение другому подразделению" in warning for warning in result.warnings)


def test_a_complaint_nobody_else_may_consider_is_returned_with_the_right_to_go_to_court(officer, on_commit):
    application = appeal_in(Status.REGISTERED, kind=Appeal.Kind.APPLICATION)
    unrecorded = complaint()
    for appeal, code in ((application, "not_complaint"), (unrecorded, "complaint_against")):
        with pytest.raises(TransitionRefused) as refused:
            workflow.leave_without_answer(appeal=appeal, actor=officer, reason="complaint_returned")
        assert refused.value.code == code
        assert unchanged(appeal)["status"] == Status.REGISTERED

    appeal = complaint(complaint_against=HOUSING, **registered_days_ago(3))
    with on_commit():
        result = workflow.leave_without_answer(appeal=appeal, actor=officer, reason="complaint_returned")
    appeal.refresh_from_db()
    assert (appeal.status, appeal.result) == (Status.LEFT_WITHOUT_ANSWER, Appeal.Result.LEFT_WITHOUT_ANSWER)
    assert appeal.answered_late is False and "позже" not in " ".join(result.warnings)
    [letter] = mail.outbox
    assert letter.subject.startswith(f"Жалоба № {appeal.number} возвращена")
    for phrase in (HOUSING, "часть 6 статьи 8", "в установленном порядке в суд", "главе 22 Кодекса"):
        assert phrase in letter.body, phrase
    assert APPEAL_TEXT not in letter.body
    today = timezone.localdate()
    by_result = {
        line.key: line.count for line in register_statistics(start=today - timedelta(days=5), end=today).by_result
    }
    assert by_result["left_without_answer"] == 1

    late = complaint(complaint_against=HOUSING, **registered_days_ago(10))
    result = workflow.leave_without_answer(appeal=late, actor=officer, reason="complaint_returned")
    assert any("срока направления по компетенции" in warning and "ч. 6 ст. 8" in warning for warning in result.warnings)
    assert Appeal.objects.get(pk=late.pk).answered_late is True


# -- art. 8 part 6: the officer's screens -------------------------------------------------------------------------


def test_the_officer_records_the_subject_then_redirecting_there_is_refused_and_the_return_offered(staff, on_commit):
    department(HOUSING)
    appeal = complaint()
    base = f"/admin/appeals/{appeal.pk}"
    no_answer = BeautifulSoup(staff.get(f"{base}/no-answer/").content, "html.parser")
    assert not no_answer.select("input[name=reason][value=complaint_returned]")

    form = BeautifulSoup(staff.get(f"{base}/complaint-against/").content, "html.parser")
    field = form.select_one("input[name=name]")
    assert HOUSING in [option["value"] for option in form.select(f"datalist#{field['list']} option")]
    assert staff.post(f"{base}/complaint-against/", {"name": HOUSING}).status_code == 302
    card = staff.get(f"{base}/").content.decode()
    assert "Жалоба на" in card and HOUSING in card

    today = timezone.localdate().isoformat()
    refused = staff.post(f"{base}/redirect/", {"body": HOUSING.upper(), "redirected_on": today, "note": "исх. № 7"})
    page = BeautifulSoup(refused.content, "html.parser")
    assert refused.status_code == 200 and "ч. 6 ст. 8" in page.select_one("#id_body_error").get_text()
    assert page.select_one("input[name=body]")["value"] == HOUSING.upper()
    assert "исх. № 7" in page.select_one("textarea[name=note]").get_text()
    assert unchanged(appeal)["status"] == Status.REGISTERED

    no_answer = BeautifulSoup(staff.get(f"{base}/no-answer/").content, "html.parser")
    assert no_answer.select("input[name=reason][value=complaint_returned]")
    back = dates.redirect_deadline(appeal.registered_at)
    assert f"по ч. 6 ст. 8 возвращают в срок направления по компетенции — до {back:%d.%m.%Y}" in no_answer.get_text()
    with on_commit():
        response = staff.post(f"{base}/no-answer/", {"reason": "complaint_returned"})
    assert response.status_code == 302
    assert unchanged(appeal)["status"] == Status.LEFT_WITHOUT_ANSWER
    assert len(mail.outbox) == 1 and "в установленном порядке в суд" in mail.outbox[0].body


def test_other_appeals_are_not_offered_the_complaint_action_nor_told_about_it(staff):
    appeal = appeal_in(Status.REGISTERED, kind=Appeal.Kind.PROPOSAL)
    card = staff.get(f"/admin/appeals/{appeal.pk}/").content.decode()
    assert "Указать, на кого жалоба" not in card and "только для жалобы" not in card
    response = staff.get(f"/admin/appeals/{appeal.pk}/complaint-against/", follow=True)
    assert "можно только для жалобы" in response.content.decode()
