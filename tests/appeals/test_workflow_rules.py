"""The rules inside the actions: deadlines, late warnings, answers, notices to the applicant."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.files.storage import storages
from django.utils import timezone

from appeals_form import workflow
from appeals_form.models import Appeal, AppealEvent
from appeals_form.workflow import Action, TransitionRefused
from tests.appeals.queue_helpers import APPEALS, appeal_in, make_user, registered_days_ago

pytestmark = pytest.mark.django_db

Status = Appeal.Status
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
APPEAL_TEXT = "Во дворе дома 5 по улице Садовой не горят фонари, прошу заменить лампы."


def _timing(result) -> tuple[str, ...]:
    """The result's warnings about time limits (not the reminder to post a paper copy, tested apart)."""
    return tuple(warning for warning in result.warnings if "в письменной форме" not in warning)


@pytest.fixture
def officer(db):
    return make_user("officer", first_name="Ольга", last_name="Сотрудникова")


@pytest.fixture
def in_work(officer):
    return appeal_in(Status.IN_WORK, executor=officer, text=APPEAL_TEXT, email="zayavitel@example.ru")


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """Run the e-mail tasks queued on commit, as the worker would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


# -- extension ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("direction", "expected"),
    [
        # 10.12.2026 + 30 days = Saturday 09.01.2027, inside the New Year holidays
        # (1–8 January) after the transferred day off of 31.12.2026.
        ("backward", date(2026, 12, 30)),
        ("forward", date(2027, 1, 11)),
    ],
)
def test_extension_date_follows_the_working_day_calendar(direction, expected, in_work, officer, settings):
    settings.APPEALS_DEADLINE_SHIFT = direction
    Appeal.objects.filter(pk=in_work.pk).update(due_date=date(2026, 12, 10))

    result = workflow.extend_deadline(appeal=in_work, actor=officer, days=30, reason="Запрос в министерство")

    appeal = Appeal.objects.get(pk=in_work.pk)
    assert appeal.due_date == expected == result.appeal.due_date
    assert appeal.original_due_date == date(2026, 12, 10)
    assert appeal.extension_days == 30
    assert appeal.extension_reason == "Запрос в министерство"
    event = appeal.events.get(kind=AppealEvent.Kind.EXTENDED)
    assert event.public
    assert event.payload["due_date"] == expected.isoformat()
    assert event.payload["previous_due_date"] == "2026-12-10"


@pytest.mark.parametrize("days", [0, -1, 31, 60])
def test_extension_is_one_to_thirty_days(days, in_work, officer):
    with pytest.raises(TransitionRefused, match="1–30 дней"):
        workflow.extend_deadline(appeal=in_work, actor=officer, days=days, reason="Основание")
    assert not Appeal.objects.get(pk=in_work.pk).is_extended


def test_extension_needs_a_reason(in_work, officer):
    with pytest.raises(TransitionRefused, match="основание"):
        workflow.extend_deadline(appeal=in_work, actor=officer, days=10, reason="  ")


def test_extension_notifies_the_applicant_with_the_new_date(in_work, officer, on_commit):
    with on_commit():
        result = workflow.extend_deadline(appeal=in_work, actor=officer, days=30, reason="Запрос документов")

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["zayavitel@example.ru"]
    assert in_work.number in message.subject
    assert f"до {result.appeal.due_date:%d.%m.%Y} включительно" in message.body
    assert APPEAL_TEXT not in message.body
    assert "Запрос документов" not in message.body  # the reason is internal
    notified = in_work.events.get(kind=AppealEvent.Kind.NOTIFIED)
    assert notified.payload == {"template": "extended"}
    assert not notified.public


def test_an_expired_deadline_cannot_be_extended(officer):
    """Found from outside: an overdue appeal was extended and left the «просрочено» counts."""
    today = timezone.localdate()
    appeal = appeal_in(Status.IN_WORK, executor=officer, due_date=today - timedelta(days=2))
    assert Action.EXTEND not in workflow.allowed_actions(appeal)
    with pytest.raises(TransitionRefused) as refused:
        workflow.extend_deadline(appeal=appeal, actor=officer, days=10, reason="Запрос")
    assert refused.value.code == "deadline_passed"
    assert f"истёк {appeal.due_date:%d.%m.%Y}" in refused.value.message
    appeal.refresh_from_db()
    assert appeal.due_date == today - timedelta(days=2) and not appeal.is_extended
    assert not appeal.events.filter(kind=AppealEvent.Kind.EXTENDED).exists()


def test_a_deadline_ending_today_can_still_be_extended(officer):
    appeal = appeal_in(Status.IN_WORK, executor=officer, due_date=timezone.localdate())
    assert Action.EXTEND in workflow.allowed_actions(appeal)
    result = workflow.extend_deadline(appeal=appeal, actor=officer, days=10, reason="Запрос")
    assert result.appeal.due_date > timezone.localdate() and _timing(result) == ()


# -- redirection -------------------------------------------------------------------------------------------------


def _latest_registration_in_time() -> int:
    """Days ago of the earliest registration whose redirect window still includes today.

    Seven days, unless the seventh day is a day off: the window then ends on the
    working day before it (tests run on any day of the week).
    """
    from appeals_form.workflow import dates

    return next(
        days
        for days in range(7, -1, -1)
        if dates.redirect_deadline(timezone.now() - timedelta(days=days)) >= timezone.localdate()
    )


def test_redirect_within_seven_days_has_no_warning(officer, on_commit):
    appeal = appeal_in(Status.REGISTERED, **registered_days_ago(_latest_registration_in_time(), text=APPEAL_TEXT))
    with on_commit():
        result = workflow.redirect_appeal(appeal=appeal, actor=officer, body="Министерство транспорта")

    assert _timing(result) == ()
    appeal.refresh_from_db()
    assert appeal.status == Status.REDIRECTED
    assert appeal.result == Appeal.Result.REDIRECTED
    assert appeal.redirected_to == "Министерство транспорта"
    assert appeal.redirected_on == timezone.localdate()
    event = appeal.events.get(kind=AppealEvent.Kind.REDIRECTED)
    assert event.public and event.payload["late"] is False
    assert len(mail.outbox) == 1
    assert "Министерство транспорта" in mail.outbox[0].body
    assert APPEAL_TEXT not in mail.outbox[0].body


def test_redirect_after_seven_days_warns_and_is_recorded_late(officer, on_commit):
    appeal = appeal_in(Status.IN_WORK, executor=officer, **registered_days_ago(8))
    with on_commit():
        result = workflow.redirect_appeal(appeal=appeal, actor=officer, body="Министерство транспорта")

    assert len(_timing(result)) == 1
    assert "позже 7 дней" in result.warnings[0]
    assert result.event.payload["late"] is True
    # Late or not, it is done and the applicant is told.
    assert Appeal.objects.get(pk=appeal.pk).status == Status.REDIRECTED
    assert len(mail.outbox) == 1


def test_redirect_date_cannot_precede_registration_or_be_in_the_future(officer):
    appeal = appeal_in(Status.REGISTERED, **registered_days_ago(3))
    today = timezone.localdate()
    for bad in (today - timedelta(days=4), today + timedelta(days=1)):
        with pytest.raises(TransitionRefused, match="Дата направления"):
            workflow.redirect_appeal(appeal=appeal, actor=officer, body="Орган", redirected_on=bad)
    with pytest.raises(TransitionRefused, match="Укажите орган"):
        workflow.redirect_appeal(appeal=appeal, actor=officer, body="   ")
    assert Appeal.objects.get(pk=appeal.pk).status == Status.REGISTERED


# -- the answer --------------------------------------------------------------------------------------------------


def test_answer_on_time_is_not_flagged(in_work, officer, on_commit):
    Appeal.objects.filter(pk=in_work.pk).update(due_date=timezone.localdate())
    with on_commit():
        result = workflow.record_answer(
            appeal=in_work, actor=officer, result=Appeal.Result.MEASURES_TAKEN, text="Лампы заменены.", site_visit=True
        )
    appeal = Appeal.objects.get(pk=in_work.pk)
    assert (appeal.status, appeal.result, appeal.answered_late, appeal.site_visit) == (
        Status.ANSWERED,
        Appeal.Result.MEASURES_TAKEN,
        False,
        True,
    )
    assert appeal.answer_text == "Лампы заменены."
    assert _timing(result) == ()
    message = mail.outbox[0]
    assert "Лампы заменены." in message.body  # the answer itself goes to the applicant
    assert APPEAL_TEXT not in message.body


def test_answer_after_the_due_date_is_flagged_late(in_work, officer):
    Appeal.objects.filter(pk=in_work.pk).update(due_date=timezone.localdate() - timedelta(days=1))
    result = workflow.record_answer(appeal=in_work, actor=officer, result=Appeal.Result.EXPLAINED, text="Ответ.")
    appeal = Appeal.objects.get(pk=in_work.pk)
    assert appeal.answered_late is True
    assert "с нарушением срока" in result.warnings[0]
    assert result.event.payload["late"] is True


def test_answer_needs_a_result_of_the_vocabulary_and_some_content(in_work, officer):
    with pytest.raises(TransitionRefused, match="текст ответа или приложите файл"):
        workflow.record_answer(appeal=in_work, actor=officer, result=Appeal.Result.EXPLAINED, text=" ")
    for bad in ("", "redirected", "left_without_answer", "whatever"):
        with pytest.raises(TransitionRefused, match="результат"):
            workflow.record_answer(appeal=in_work, actor=officer, result=bad, text="Ответ.")
    assert Appeal.objects.get(pk=in_work.pk).status == Status.IN_WORK


def test_answer_file_is_stored_privately_and_sent_with_the_answer(in_work, officer, on_commit):
    with on_commit():
        workflow.record_answer(
            appeal=in_work,
            actor=officer,
            result=Appeal.Result.NOT_SUPPORTED,
            file_name="Ответ Иванову.pdf",
            file_data=PDF,
        )
    appeal = Appeal.objects.get(pk=in_work.pk)
    assert appeal.answer_file.name.startswith("answers/")
    assert storages["private"].exists(appeal.answer_file.name)
    assert appeal.answer_file_name == "Ответ Иванову.pdf"
    assert appeal.answer_file_type == "application/pdf"
    message = mail.outbox[0]
    assert [(name, content) for name, content, _ in message.attachments] == [("Ответ Иванову.pdf", PDF)]


def test_an_answer_file_of_new_years_night_is_filed_under_the_moscow_year(in_work, officer):
    """31 December 21:30 UTC is already 1 January in Moscow: the file goes with the year the officer
    lives in (it went under the UTC year, as the attachments' and the numbers' years never did)."""
    from datetime import UTC, datetime

    workflow.record_answer(
        appeal=in_work,
        actor=officer,
        result=Appeal.Result.EXPLAINED,
        file_name="ответ.pdf",
        file_data=PDF,
        now=datetime(2026, 12, 31, 21, 30, tzinfo=UTC),
    )
    assert Appeal.objects.get(pk=in_work.pk).answer_file.name.startswith("answers/2027/")


@pytest.mark.parametrize("limit_after_upload", [None, len(PDF) - 1])
def test_the_answer_email_says_a_file_is_attached_only_when_it_is(
    in_work, officer, on_commit, settings, limit_after_upload
):
    """One limit for the answer's file (``APPEALS_MAX_FILE_SIZE``): the upload's and the e-mail's.

    Found in review: the e-mail had its own 10 MB cap and said «Ответ приложен к письму файлом»
    whether or not the file fitted, so with a larger upload limit the applicant got no answer at all.
    """
    with on_commit():
        workflow.record_answer(
            appeal=in_work, actor=officer, result=Appeal.Result.EXPLAINED, file_name="ответ.pdf", file_data=PDF
        )
    mail.outbox.clear()
    if limit_after_upload is not None:
        settings.APPEALS_MAX_FILE_SIZE = limit_after_upload
    from appeals_form.tasks import send_appeal_notice

    send_appeal_notice.call(appeal_id=in_work.pk, notice="answered")
    (message,) = mail.outbox
    attached = bool(message.attachments)
    assert attached is (limit_after_upload is None)
    assert ("Ответ приложен к письму файлом" in message.body) is attached
    assert ("Файл ответа слишком велик для письма" in message.body) is not attached


def test_a_disguised_answer_file_is_refused_and_nothing_is_kept(in_work, officer, private_files):
    before = private_files("answers")
    with pytest.raises(TransitionRefused, match="не соответствует формату PDF"):
        workflow.record_answer(
            appeal=in_work,
            actor=officer,
            result=Appeal.Result.EXPLAINED,
            file_name="ответ.pdf",
            file_data=b"MZ\x90\x00",
        )
    assert private_files("answers") == before
    assert Appeal.objects.get(pk=in_work.pk).status == Status.IN_WORK


def test_a_refused_answer_leaves_no_file_behind(officer, private_files):
    answered = appeal_in(Status.ANSWERED)
    before = private_files("answers")
    with pytest.raises(TransitionRefused):
        workflow.record_answer(
            appeal=answered, actor=officer, result=Appeal.Result.EXPLAINED, file_name="ответ.pdf", file_data=PDF
        )
    assert private_files("answers") == before


# -- without an answer -------------------------------------------------------------------------------------------


# What each notice of 59-ФЗ art. 11 must say: its own ground, never only the generic «Основание: …».
NOTICE_PHRASES = {
    Appeal.NoAnswerReason.COURT_DECISION: "порядке, установленном процессуальным законодательством",
    Appeal.NoAnswerReason.OBSCENE: "недопустимости злоупотребления правом",
    Appeal.NoAnswerReason.UNREADABLE: "не поддаётся прочтению",
    Appeal.NoAnswerReason.NO_ESSENCE: "не позволяет определить суть",
    Appeal.NoAnswerReason.REPEATED: "прекращении переписки",
    Appeal.NoAnswerReason.STATE_SECRET: "недопустимостью разглашения",
    Appeal.NoAnswerReason.COMPLAINT_RETURNED: "вправе обжаловать это решение или действие (бездействие) "
    "в установленном порядке в суд",
}
COMPLAINED_ABOUT = "Управление жилищно-коммунального хозяйства"


def _for_ground(appeal: Appeal, reason: str) -> Appeal:
    """The appeal made fit for the ground: a complaint whose subject is recorded for art. 8 part 6."""
    if reason in Appeal.COMPLAINT_ONLY_NO_ANSWER_REASONS:
        Appeal.objects.filter(pk=appeal.pk).update(kind=Appeal.Kind.COMPLAINT, complaint_against=COMPLAINED_ABOUT)
        appeal.refresh_from_db()
    return appeal


def test_every_ground_of_article_11_is_offered():
    """Found from outside: the officer could not pick state secrets (part 6), an essence that cannot be made
    out (4.1) or a court decision appealed (2): such appeals were «answered» or left on a wrong ground."""
    parts = {label.rsplit("(", 1)[1] for label in Appeal.NoAnswerReason.labels}
    # and the return of a complaint nobody else may consider (art. 8 part 6)
    assert parts == {f"ч. {part} ст. 11)" for part in ("1", "2", "3", "4", "4.1", "5", "6")} | {"ч. 6 ст. 8)"}
    assert set(NOTICE_PHRASES) == set(Appeal.NoAnswerReason) - {Appeal.NoAnswerReason.ANONYMOUS}


@pytest.mark.parametrize("reason", list(Appeal.NoAnswerReason))
def test_leaving_without_an_answer_notifies_where_the_law_says(reason, officer, on_commit):
    # «Anonymous» is a ground only without the surname (or the reply address): such an appeal here.
    nameless = {"surname": ""} if reason == Appeal.NoAnswerReason.ANONYMOUS else {}
    appeal = _for_ground(appeal_in(Status.REGISTERED, text=APPEAL_TEXT, **nameless), reason)
    with on_commit():
        workflow.leave_without_answer(appeal=appeal, actor=officer, reason=reason, note="служебно")

    appeal.refresh_from_db()
    assert (appeal.status, appeal.result, appeal.no_answer_reason) == (
        Status.LEFT_WITHOUT_ANSWER,
        Appeal.Result.LEFT_WITHOUT_ANSWER,
        reason,
    )
    event = appeal.events.get(kind=AppealEvent.Kind.LEFT_WITHOUT_ANSWER)
    assert event.public and event.payload["reason"] == Appeal.NoAnswerReason(reason).label
    notified = reason != Appeal.NoAnswerReason.ANONYMOUS
    assert len(mail.outbox) == (1 if notified else 0)
    if notified:
        body = mail.outbox[0].body
        assert NOTICE_PHRASES[reason] in body
        assert "Основание:" not in body, "a notice of its own, not the generic line"
        assert APPEAL_TEXT not in body
        assert "служебно" not in body


@pytest.mark.parametrize("reason", sorted(Appeal.WEEK_NOTICE_NO_ANSWER_REASONS))
def test_a_seven_day_notice_later_than_seven_days_warns(reason, officer):
    """Art. 11 parts 2, 4, 4.1: the applicant is told within 7 days of registration."""
    appeal = _for_ground(appeal_in(Status.REGISTERED, **registered_days_ago(9)), reason)
    result = workflow.leave_without_answer(appeal=appeal, actor=officer, reason=reason)
    assert any("позже 7 дней" in warning for warning in result.warnings)
    fresh = _for_ground(appeal_in(Status.REGISTERED, **registered_days_ago(2)), reason)
    result = workflow.leave_without_answer(appeal=fresh, actor=officer, reason=reason)
    assert _timing(result) == ()


@pytest.mark.parametrize("reason", sorted(Appeal.NOTIFIED_NO_ANSWER_REASONS - Appeal.WEEK_NOTICE_NO_ANSWER_REASONS))
def test_a_notice_without_a_term_of_its_own_is_due_within_the_term_of_consideration(reason, officer):
    """Art. 11 parts 3, 5, 6 name no term: the conservative reading is the answer's term (art. 12)."""
    in_term = appeal_in(Status.REGISTERED, **registered_days_ago(9))
    assert _timing(workflow.leave_without_answer(appeal=in_term, actor=officer, reason=reason, note="основание")) == ()
    overdue = appeal_in(Status.REGISTERED, **registered_days_ago(60))
    result = workflow.leave_without_answer(appeal=overdue, actor=officer, reason=reason, note="основание")
    assert any("после срока рассмотрения" in warning for warning in result.warnings)


def test_ending_the_correspondence_needs_the_earlier_answers_on_record(officer):
    """Art. 11 part 5: only after answers on the merits were given more than once; the officer names them."""
    appeal = appeal_in(Status.REGISTERED)
    for note in ("", "   \n"):
        with pytest.raises(TransitionRefused, match="ч. 5 ст. 11") as refused:
            workflow.leave_without_answer(
                appeal=appeal, actor=officer, reason=Appeal.NoAnswerReason.REPEATED, note=note
            )
        assert refused.value.code == "note"
    appeal.refresh_from_db()
    assert appeal.status == Status.REGISTERED


def test_unknown_no_answer_reason_is_refused(officer):
    appeal = appeal_in(Status.REGISTERED)
    with pytest.raises(TransitionRefused, match="основание"):
        workflow.leave_without_answer(appeal=appeal, actor=officer, reason="lazy")


def test_closing_records_the_time_and_sends_nothing(officer, on_commit):
    appeal = appeal_in(Status.ANSWERED)
    with on_commit():
        workflow.close_appeal(appeal=appeal, actor=officer, note="Снято с контроля")
    appeal.refresh_from_db()
    assert appeal.status == Status.CLOSED and appeal.closed_at is not None
    assert appeal.events.get(kind=AppealEvent.Kind.CLOSED).note == "Снято с контроля"
    assert mail.outbox == []


def test_an_appeal_with_a_surname_and_a_reply_address_is_not_left_as_anonymous(officer, client):
    """Found from outside: «Не указаны фамилия или адрес для ответа» was accepted for an online appeal, which
    always has both, and left it unanswered without telling the applicant («в обращении нет адреса» — it had one).
    59-ФЗ art. 11 part 1 allows it only when they are missing: refused by the service, not offered by the form."""
    appeal = appeal_in(Status.REGISTERED, text=APPEAL_TEXT)
    with pytest.raises(TransitionRefused) as refused:
        workflow.leave_without_answer(appeal=appeal, actor=officer, reason=Appeal.NoAnswerReason.ANONYMOUS)
    assert "указаны фамилия и адрес для ответа" in str(refused.value)
    appeal.refresh_from_db()
    assert appeal.status == Status.REGISTERED and len(mail.outbox) == 0

    client.force_login(make_user("officer.form", APPEALS))
    form = client.get(f"/admin/appeals/{appeal.pk}/no-answer/").content.decode()
    assert 'value="obscene"' in form and 'value="anonymous"' not in form
    response = client.post(f"/admin/appeals/{appeal.pk}/no-answer/", {"reason": "anonymous", "note": "служебно"})
    assert response.status_code == 200 and "служебно" in response.content.decode()
    appeal.refresh_from_db()
    assert appeal.status == Status.REGISTERED

    nameless = appeal_in(Status.REGISTERED, surname="")
    result = workflow.leave_without_answer(appeal=nameless, actor=officer, reason=Appeal.NoAnswerReason.ANONYMOUS)
    assert result.warnings == ("Заявитель не уведомляется: в обращении не указана фамилия.",)


# -- «рассмотрено с нарушением срока» ----------------------------------------------------------------------------

_FINISHES = {
    "answer": lambda appeal, officer: workflow.record_answer(
        appeal=appeal, actor=officer, result=Appeal.Result.EXPLAINED, text="Разъяснено."
    ),
    "redirect": lambda appeal, officer: workflow.redirect_appeal(appeal=appeal, actor=officer, body="Минтранс"),
    **{
        f"no_answer:{reason}": (
            lambda appeal, officer, reason=reason: workflow.leave_without_answer(
                appeal=_for_ground(appeal, reason),
                actor=officer,
                reason=reason,
                note="Ответы № 1 и № 2 по существу; решение главы.",
            )
        )
        for reason in sorted(Appeal.NOTIFIED_NO_ANSWER_REASONS)
    },
}


@pytest.mark.parametrize("finish", sorted(_FINISHES))
def test_every_way_of_finishing_past_its_term_is_recorded_as_late(finish, officer):
    """Found from outside: a redirection after its 7 days (59-ФЗ art. 8 p. 3) or a notice of art. 11 after
    its term only warned the officer; the appeal was exported and listed as considered on time. Each is
    now «рассмотрено с нарушением срока» (ССТУ.РФ), like a late answer; in time it is not."""
    late = appeal_in(Status.IN_WORK, executor=officer, **registered_days_ago(60))
    result = _FINISHES[finish](late, officer)
    late.refresh_from_db()
    assert late.answered_late is True and result.warnings
    assert result.event.payload["late"] is True

    in_time = appeal_in(Status.IN_WORK, executor=officer, **registered_days_ago(0))
    result = _FINISHES[finish](in_time, officer)
    in_time.refresh_from_db()
    assert in_time.answered_late is False and _timing(result) == ()


# -- a postal address: the answer and notices on paper too ---------------------------------------------------------

_WRITES_TO_THE_APPLICANT = {
    "redirect": _FINISHES["redirect"],
    "answer": _FINISHES["answer"],
    "extend": lambda appeal, officer: workflow.extend_deadline(
        appeal=appeal, actor=officer, days=10, reason="Запрос в другой орган"
    ),
    **{name: finish for name, finish in _FINISHES.items() if name.startswith("no_answer:")},
}


@pytest.mark.parametrize("action", sorted(_WRITES_TO_THE_APPLICANT))
def test_every_letter_to_an_applicant_with_a_postal_address_is_posted_on_paper_too(action, officer):
    """Found from outside: the form asks for a postal address «если хотите получить ответ и по почте»
    (59-ФЗ art. 7 part 3: the postal address when the answer is to be sent in writing), but the answer and
    the notices only went by e-mail, and nothing told the officer to post them. Each action that writes to
    the applicant now says so, on its screen and after it; without a postal address, nothing is said."""
    address = "140000, г. Энск, ул. Лесная, д. 7, кв. 3"
    with_address = appeal_in(Status.IN_WORK, executor=officer, postal_address=address)
    result = _WRITES_TO_THE_APPLICANT[action](with_address, officer)
    posted = [warning for warning in result.warnings if "в письменной форме" in warning]
    assert len(posted) == 1 and "ч. 3 ст. 7" in posted[0]
    assert address not in posted[0], "no personal data in the messages cookie"

    without = appeal_in(Status.IN_WORK, executor=officer, postal_address="")
    result = _WRITES_TO_THE_APPLICANT[action](without, officer)
    assert not [warning for warning in result.warnings if "в письменной форме" in warning]


def test_the_screens_of_those_actions_say_it_before_the_officer_acts(officer, client):
    client.force_login(officer)
    appeal = appeal_in(Status.IN_WORK, executor=officer, postal_address="г. Энск, ул. Лесная, д. 7")
    for path in ("redirect", "extend", "answer", "no-answer"):
        html = client.get(f"/admin/appeals/{appeal.pk}/{path}/").content.decode()
        assert "направьте" in html and "в письменной форме" in html, path
    assert "в письменной форме" not in client.get(f"/admin/appeals/{appeal.pk}/assign/").content.decode()
