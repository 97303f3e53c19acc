"""«Согласование»: reports and regulations are approved by the head; other sections publish directly."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, WorkflowPage

from home import approval
from home.demo import approval as demo_approval
from home.factories import StandardPageFactory
from regulations.models import RegulationIndexPage
from reports.factories import ReportIndexPageFactory, ReportPageFactory

EDITORS = "Редакторы"


def make_user(username, group):
    user = get_user_model().objects.create_user(
        username=username, password="pass-12345-word", email=f"{username}@example.ru", first_name=username
    )
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def people(db):
    return make_user("editor", EDITORS), make_user("head", approval.HEADS_GROUP)


@pytest.fixture
def report(db):
    page = ReportPageFactory(parent=ReportIndexPageFactory())
    page.save_revision().publish()
    return page


def test_report_and_regulation_sections_get_the_workflow_others_do_not(db):
    reports = ReportIndexPageFactory()
    home = reports.get_parent()
    regulations = home.add_child(instance=RegulationIndexPage(title="Документы", slug="dokumenty"))
    standard = StandardPageFactory(parent=home)
    assert WorkflowPage.objects.get(page=reports).workflow.name == "Согласование"
    assert WorkflowPage.objects.get(page=regulations).workflow.name == "Согласование"
    assert not WorkflowPage.objects.filter(page=standard).exists()
    assert standard.get_workflow() is None


def test_editor_cannot_publish_a_report_directly_but_can_a_standard_page(people, report):
    editor, head = people
    standard = StandardPageFactory(parent=report.get_parent().get_parent())
    assert not report.permissions_for_user(editor).can_publish()
    assert not report.get_parent().permissions_for_user(editor).can_publish_subpage()
    assert report.permissions_for_user(head).can_publish()
    assert standard.permissions_for_user(editor).can_publish()
    # The same answer through a plain Page (as Wagtail's listings ask).
    assert not Page.objects.get(pk=report.pk).permissions_for_user(editor).can_publish()


def test_editor_sees_submit_not_publish(client, people, report):
    editor, head = people
    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[report.pk])).content.decode()
    assert 'name="action-submit"' in html
    assert 'name="action-publish"' not in html
    client.force_login(head)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[report.pk])).content.decode()
    assert 'name="action-publish"' in html


def test_bulk_publish_refuses_the_editor(client, people, report):
    editor, _ = people
    report.intro = "Черновик изменений"
    report.save_revision(user=editor)
    client.force_login(editor)
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"]) + f"?id={report.pk}"
    client.post(url, {"include_descendants": ""})
    report.refresh_from_db()
    assert report.has_unpublished_changes
    assert report.live_revision.content["intro"] != "Черновик изменений"
    # The same request by the head publishes.
    client.force_login(people[1])
    client.post(url, {"include_descendants": ""})
    report.refresh_from_db()
    assert report.live_revision.content["intro"] == "Черновик изменений"


def _submit(report, editor):
    report.intro = "Отчёт после правки"
    report.save_revision(user=editor)
    mail.outbox.clear()
    approval.default_workflow().start(report, editor)
    report.refresh_from_db()
    return report.current_workflow_task_state


def test_head_approves_the_submitted_report_and_it_goes_live_with_mail_to_both(client, people, report):
    editor, head = people
    task_state = _submit(report, editor)
    assert [message.to for message in mail.outbox] == [["head@example.ru"]]
    assert "Согласование руководителем отдела" in mail.outbox[0].body
    mail.outbox.clear()
    client.force_login(head)
    url = reverse("wagtailadmin_pages:workflow_action", args=[report.pk, "approve", task_state.pk])
    response = client.post(url, {"comment": "Согласовано"})
    assert response.status_code in (200, 302)
    report.refresh_from_db()
    assert report.intro == "Отчёт после правки" and not report.has_unpublished_changes
    assert ["editor@example.ru"] in [message.to for message in mail.outbox]


def test_head_sends_back_with_a_comment_the_editor_is_told(client, people, report):
    editor, head = people
    task_state = _submit(report, editor)
    client.force_login(head)
    url = reverse("wagtailadmin_pages:workflow_action", args=[report.pk, "reject", task_state.pk])
    client.post(url, {"comment": "Проверьте итог в таблице 2"})
    report.refresh_from_db()
    assert report.live_revision.content["intro"] != "Отчёт после правки"
    to_editor = [message for message in mail.outbox if message.to == ["editor@example.ru"]]
    assert to_editor and "Проверьте итог в таблице 2" in to_editor[0].body


def test_a_reviewer_group_missing_from_the_task_does_not_open_direct_publishing(people, report):
    editor, _ = people
    editor.groups.add(Group.objects.get_or_create(name="Другие")[0])
    assert not report.permissions_for_user(editor).can_publish()


def test_demo_has_a_head_account_and_a_report_waiting_for_approval(db, settings, monkeypatch, tmp_path):
    from django.core.management import call_command

    from home.demo import accounts

    settings.APPEALS_DEMO_QUEUE = True
    settings.DEMO_ACCOUNTS_FILE = tmp_path / "accounts.json"
    monkeypatch.setenv("DEMO_HEAD_PASSWORD", "head-demo-pass-1")
    call_command("load_demo_content", verbosity=0)
    call_command("load_demo_content", verbosity=0)  # idempotent: still one draft, one workflow run
    head = get_user_model().objects.get(username="demo-head")
    assert head.groups.filter(name=approval.HEADS_GROUP).exists()
    period = demo_approval.finished_half(timezone.localdate())
    draft = Page.objects.get(slug=demo_approval.draft_slug(period)).specific
    assert period.end < timezone.localdate()  # the half-year is over: its report can wait for approval
    assert (draft.period_year, draft.period_number) == (period.year, period.number)
    assert draft.title == demo_approval.draft_title(period)
    assert not draft.live
    assert draft.workflow_in_progress
    assert draft.current_workflow_task.specific.groups.filter(name=approval.HEADS_GROUP).exists()
    assert draft.workflow_states.count() == 1
    summary = accounts.summary(base_url="http://127.0.0.1:8181")
    assert "demo-head     head-demo-pass-1" in summary
    assert "http://127.0.0.1:8181/admin/" in summary


@pytest.mark.parametrize(
    ("today", "label"),
    [
        (date(2026, 12, 5), "1 полугодие 2026 года"),
        (date(2026, 7, 1), "1 полугодие 2026 года"),
        (date(2026, 6, 30), "2 полугодие 2025 года"),
        (date(2027, 1, 1), "2 полугодие 2026 года"),
    ],
)
def test_the_demo_draft_reports_on_a_half_year_that_has_ended(today, label):
    period = demo_approval.finished_half(today)
    assert period.label == label and period.end < today


def _approval_page_types():
    from wagtail.models import get_page_models

    return sorted(
        (model for model in get_page_models() if getattr(model, "requires_approval", False)),
        key=lambda model: model._meta.label,
    )


@pytest.mark.parametrize("model", _approval_page_types(), ids=lambda model: model._meta.label)
def test_an_editor_publishing_a_new_approval_section_gets_a_draft_to_submit_never_a_live_page(client, people, model):
    editor, head = people
    home = ReportIndexPageFactory().get_parent()
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:add", args=[model._meta.app_label, model._meta.model_name, home.pk])
    response = client.post(url, {"title": "Новый раздел", "slug": "novyi-razdel", "action-publish": "1"}, follow=True)

    page = Page.objects.get(slug="novyi-razdel").specific
    assert not page.live  # not on the site: the head has not approved it
    assert response.redirect_chain[-1][0] == reverse("wagtailadmin_pages:edit", args=[page.pk])
    html = response.content.decode()
    assert "сохранена как черновик и не опубликована" in html
    assert "нет доступа" not in html
    assert 'name="action-submit"' in html  # what the editor does next
    assert page.get_latest_revision().content["title"] == "Новый раздел"  # nothing typed is lost
    client.logout()
    assert client.get(page.get_url()).status_code == 404

    client.force_login(head)  # a reviewer publishes such a section directly
    client.post(url, {"title": "Раздел руководителя", "slug": "razdel-rukovoditelya", "action-publish": "1"})
    assert Page.objects.get(slug="razdel-rukovoditelya").live


def test_copying_a_section_with_its_reports_never_puts_unapproved_copies_live(client, people, report):
    """From outside: an editor copied the reports section elsewhere with «Опубликовать копии» and the copies
    went live, unapproved. The copies under «Согласование» stay drafts the editor submits."""
    editor, head = people
    section = report.get_parent()
    home = section.get_parent()
    client.force_login(editor)
    response = client.post(
        reverse("wagtailadmin_pages:copy", args=[section.pk]),
        {
            "new_title": "Отчёты (копия)",
            "new_slug": "otchety-kopiya",
            "new_parent_page": home.pk,
            "copy_subpages": "on",
            "publish_copies": "on",
        },
        follow=True,
    )
    assert response.status_code == 200
    copy = Page.objects.get(slug="otchety-kopiya")
    copies = copy.get_descendants(inclusive=True)
    assert copies.count() == 2
    assert not copies.filter(live=True).exists()
    assert "черновик" in response.content.decode()
    client.logout()
    assert client.get(copy.get_url()).status_code == 404

    client.force_login(head)  # a reviewer's copies are published, as her own pages are
    client.post(
        reverse("wagtailadmin_pages:copy", args=[section.pk]),
        {"new_title": "Отчёты 2", "new_slug": "otchety-2", "new_parent_page": home.pk, "copy_subpages": "on",
         "publish_copies": "on"},
    )  # fmt: skip
    assert not Page.objects.get(slug="otchety-2").get_descendants(inclusive=True).filter(live=False).exists()
