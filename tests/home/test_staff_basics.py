"""Staff basics: initials instead of Gravatar, mail from the department's address, `make run`'s summary."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.mail import EmailMessage, send_mail

from home.demo import accounts
from home.mail import site_sender


@pytest.fixture
def staff(db):
    return get_user_model().objects.create_superuser(
        username="root", password="pass-12345-word", email="root@example.ru", first_name="Эдуард", last_name="Демо"
    )


def test_admin_shows_initials_never_gravatar(client, staff):
    client.force_login(staff)
    html = client.get("/admin/").content.decode()
    assert "gravatar" not in html.lower()
    assert "/admin/avatar/%D0%AD%D0%94.svg" in html or "/admin/avatar/ЭД.svg" in html
    response = client.get("/admin/avatar/ЭД.svg")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    assert ">ЭД</text>" in response.content.decode()


def test_initials_picture_is_escaped_and_staff_only(client, staff):
    assert client.get("/admin/avatar/ЭД.svg").status_code == 302  # anonymous: to the login
    client.force_login(staff)
    body = client.get("/admin/avatar/<a.svg").content.decode()
    assert "<a</text>" not in body and "&lt;a" in body


def test_a_page_published_by_no_one_shows_its_history_with_wagtails_default_picture(client, staff, demo_site):
    """Demo pages are published by a script: «no one» has no initials, and the screen must still open."""
    from wagtail.models import Page

    page = Page.objects.get(depth=2)
    assert page.latest_revision.user is None
    client.force_login(staff)
    for url in (f"/admin/pages/{page.pk}/history/", "/admin/reports/site-history/", "/admin/reports/aging-pages/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "/admin/avatar/?.svg" not in response.content.decode()


@pytest.fixture
def site_sender_backend(settings):
    settings.EMAIL_BACKEND = "home.mail.SiteSenderBackend"
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.DEFAULT_FROM_EMAIL = "obrashcheniya@example.ru"


def test_mail_goes_out_from_the_address_shown_on_the_site(site_sender_backend, demo_site):
    from home.models import DepartmentSettings

    department = DepartmentSettings.for_site(demo_site)
    assert department.email == "obrashcheniya@ensk.example"
    send_mail("Тема", "Текст", None, ["someone@example.ru"])
    EmailMessage("Тема", "Текст", "registry@example.ru", ["kanc@example.ru"]).send()
    sent, explicit = mail.outbox
    assert sent.from_email == site_sender()
    assert "<obrashcheniya@ensk.example>" in sent.message()["From"]
    assert explicit.from_email == "registry@example.ru"  # an explicit sender is left alone
    # The address changed in the settings is used from the next message on.
    department.email = "priem@ensk.example"
    department.save()
    send_mail("Тема", "Текст", None, ["someone@example.ru"])
    assert "<priem@ensk.example>" in mail.outbox[-1].message()["From"]


def test_without_an_address_in_the_settings_the_default_sender_stays(site_sender_backend, db):
    send_mail("Тема", "Текст", None, ["someone@example.ru"])
    assert mail.outbox[0].from_email == "obrashcheniya@example.ru"


def test_summary_repeats_generated_passwords_and_notices_a_change(db, settings, tmp_path, monkeypatch):
    from django.core.management import call_command

    settings.APPEALS_DEMO_QUEUE = True
    settings.DEMO_ACCOUNTS_FILE = tmp_path / "accounts.json"
    for name in ("DEMO_OFFICER_PASSWORD", "DEMO_EDITOR_PASSWORD", "DEMO_HEAD_PASSWORD", "ADMIN_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    call_command("load_demo_content", verbosity=0)
    call_command("ensure_admin", verbosity=0)
    summary = accounts.summary(base_url="http://127.0.0.1:8181")
    assert oct(settings.DEMO_ACCOUNTS_FILE.stat().st_mode & 0o777) == "0o600"
    User = get_user_model()
    for account in accounts.accounts():
        assert account.password and User.objects.get(username=account.username).check_password(account.password)
        assert f"{account.username.ljust(13)} {account.password}" in summary
    names = [account.username for account in accounts.accounts()]
    assert names == ["admin", "demo-editor", "demo-head", "demo-officer"]
    officer = User.objects.get(username="demo-officer")
    officer.set_password("changed-by-hand-1")
    officer.save()
    summary = accounts.summary(base_url="http://127.0.0.1:8181")
    assert "demo-officer  (пароль изменён" in summary
    for label in ("Интернет-приёмная", "Очередь обращений", "Справка для сотрудников", "Администрирование"):
        assert label in summary


def test_summary_keeps_no_file_outside_the_local_demo(db, settings, tmp_path):
    settings.DEMO_ACCOUNTS_FILE = None
    accounts.remember(username="admin", password="secret-password-1")
    assert accounts.accounts() == []


@pytest.mark.parametrize("group", ["Редакторы", "Отдел по работе с обращениями", "Руководители отдела"])
def test_every_staff_member_finds_the_guide_in_the_menu(client, db, group, settings):
    from django.contrib.auth.models import Group

    user = get_user_model().objects.create_user(username="staff", password="pass-12345-word")
    user.groups.add(Group.objects.get(name=group))
    client.force_login(user)
    dashboard = client.get("/admin/").content.decode()
    # The sidebar is JSON: «Справка» is there by its name and address; Wagtail's external help is not.
    assert '"name": "guide"' in dashboard and '"url": "/admin/guide/"' in dashboard
    assert '"name": "help"' not in dashboard
    settings.APPEALS_REDIRECT_DAYS = 5  # the guide says what the settings say
    html = client.get("/admin/guide/").content.decode()
    for heading in ("Опубликовать отчёт за полугодие", "Проверка расчётов", "тематический приём", "отпуск"):
        assert heading in html
    assert "в течение 5 дней со дня регистрации" in html
    assert "«Отправить в „Согласование“»" in html  # the button as the editor reads it, quoted in a sentence


def test_the_guide_is_staff_only(client, db):
    assert client.get("/admin/guide/").status_code == 302
