"""«Справка»: the staff guide in the admin, a short Russian text with screenshots.

The screenshots (static/guide/*.png) are taken by the browser tests that walk
each role's day (tests/browser/test_staff_day.py, `make guide-screenshots`),
so they show the admin as it is. A picture not made yet is simply left out.
The deadlines are read from the settings (portal/settings/appeals.py), the
one place where they are decided.
"""

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.response import TemplateResponse

# name → alt text; the order is the guide's.
SCREENSHOTS = {
    "report-import": "Редактор отчёта: блок «Таблица по категориям» с полем «Вставить таблицу»",
    "report-checks": "Панель «Проверка расчётов» в редакторе отчёта",
    "report-submit": "Меню действий редактора с пунктом «Отправить в „Согласование“»",
    "report-review": "Панель управления руководителя: отчёт ожидает согласования",
    "event-add": "Форма нового мероприятия: вид, дата, время, место",
    "official-absence": "Должностное лицо: период отсутствия с замещающим",
    "schedule-public": "Страница графика приёма на сайте: отпуск и замещение",
    "queue-assign": "Назначение обращения: подразделение подставлено по правилу распределения",
    "queue-detail": "Карточка обращения: сроки, действия и история",
}


def screenshots() -> dict[str, dict]:
    found = {}
    for name, alt in SCREENSHOTS.items():
        path = f"guide/{name}.png"
        if finders.find(path):
            found[name.replace("-", "_")] = {"path": path, "alt": alt}
    return found


def guide_view(request):
    context = {
        "page_title": "Справка для сотрудников",
        "header_icon": "help",
        "shots": screenshots(),
        "registration_days": settings.APPEALS_REGISTRATION_DAYS,
        "answer_days": settings.APPEALS_ANSWER_DAYS,
        "redirect_days": settings.APPEALS_REDIRECT_DAYS,
        "extension_days": settings.APPEALS_MAX_EXTENSION_DAYS,
        "unreadable_days": settings.APPEALS_UNREADABLE_NOTICE_DAYS,
        "due_soon_days": settings.APPEALS_DUE_SOON_WORKING_DAYS,
        "shift_backward": settings.APPEALS_DEADLINE_SHIFT == "backward",
    }
    return TemplateResponse(request, "home/admin/guide.html", context)
