"""The demo's staff accounts and the summary `make run` ends with.

A newcomer needs every address and every account in one place, after the
log, not mid-log. Passwords are generated when an account is created (or come
from the environment) and, for the local demo only (``DEMO_ACCOUNTS_FILE``,
set in dev settings), kept in a git-ignored file readable by its owner alone,
so that each start can repeat them. The summary checks each kept password
against the account and says so when someone has changed it since.
"""

from __future__ import annotations

import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

# Who each account is, in the order a newcomer meets them.
ROLES = {
    "admin": "администратор (всё, включая пользователей и настройки)",
    "demo-editor": "редактор страниц: публикует, отчёты и документы отправляет на согласование",
    "demo-head": "руководитель отдела: согласует отчёты и документы, видит очередь обращений",
    "demo-officer": "отдел по работе с обращениями: очередь обращений",
}


@dataclass(frozen=True)
class Account:
    username: str
    role: str
    password: str  # "" when unknown


def _file() -> Path | None:
    path = getattr(settings, "DEMO_ACCOUNTS_FILE", None)
    return Path(path) if path else None


def _read() -> dict[str, str]:
    path = _file()
    if path is None or not path.exists():
        return {}
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def remember(*, username: str, password: str) -> None:
    """Keep the password of a demo account for the summary (local demo only)."""
    path = _file()
    if path is None:
        return
    data = _read()
    data[username] = password
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(data, handle, ensure_ascii=False, indent=1)


def accounts() -> list[Account]:
    """The demo accounts that exist, with their kept password when it still works."""
    User = get_user_model()
    kept = _read()
    users = {user.username: user for user in User.objects.filter(username__in=ROLES, is_active=True)}
    result = []
    for username, role in ROLES.items():
        user = users.get(username)
        if user is None:
            continue
        password = kept.get(username, "")
        if password and not user.check_password(password):
            password = ""
        result.append(Account(username=username, role=role, password=password))
    return result


def summary(*, base_url: str) -> str:
    """The closing lines of `make run`: addresses, accounts and passwords, where mail goes."""
    from home.demo.content import SLUG_APPEAL_FORM, SLUG_REGULATIONS, SLUG_REPORTS, SLUG_SCHEDULES

    base = base_url.rstrip("/")
    links = [
        ("Сайт", "/"),
        ("Интернет-приёмная", f"/{SLUG_APPEAL_FORM}/"),
        ("Статус обращения", "/appeals/status/"),
        ("График приёма", f"/{SLUG_SCHEDULES}/"),
        ("Отчёты", f"/{SLUG_REPORTS}/"),
        ("Документы", f"/{SLUG_REGULATIONS}/"),
        ("Администрирование", "/admin/"),
        ("Очередь обращений", "/admin/appeals/"),
        ("Справка для сотрудников", "/admin/guide/"),
    ]
    width = max(len(label) for label, _ in links) + 2
    lines = ["", "  Портал запущен.", ""]
    lines += [f"  {(label + ':').ljust(width)} {base}{url}" for label, url in links]
    lines += ["", "  Учётные записи (вход: " + base + "/admin/login/):"]
    for account in accounts():
        password = account.password or "(пароль изменён или задан из окружения: не показывается)"
        lines.append(f"    {account.username.ljust(13)} {password.ljust(18)} — {account.role}")
    backend = getattr(settings, "EMAIL_DELIVERY_BACKEND", settings.EMAIL_BACKEND)
    if backend.endswith("console.EmailBackend"):
        lines += ["", "  Письма (коды, уведомления, согласование) печатаются в этом окне."]
    elif backend.endswith("filebased.EmailBackend"):
        lines += ["", f"  Письма (коды, уведомления, согласование) сохраняются файлами в {settings.EMAIL_FILE_PATH}/"]
    lines += ["  Остановить: Ctrl-C.", ""]
    return "\n".join(lines)


def ensure_user(*, stdout, style, username, group, env_var, first_name, last_name):
    """A demo staff account in ``group``; its password from ``env_var`` or generated (and printed) once."""
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    password = os.environ.get(env_var)
    if user is None:
        generated = not password
        password = password or secrets.token_urlsafe(12)
        user = User.objects.create_user(
            username=username,
            password=password,
            email=f"{username}@example.ru",
            first_name=first_name,
            last_name=last_name,
        )
        remember(username=username, password=password)
        shown = f"пароль: {password}" if generated else f"пароль из {env_var}"
        stdout.write(f"  {style.SUCCESS('created'.ljust(9))} пользователь «{username}» ({group}), {shown}")
    elif password and not user.check_password(password):
        user.set_password(password)
        user.save(update_fields=["password"])
        remember(username=username, password=password)
        stdout.write(f"  {style.SUCCESS('updated'.ljust(9))} пароль пользователя «{username}» из {env_var}")
    user.groups.add(Group.objects.get(name=group))
    return user
