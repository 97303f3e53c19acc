"""The admin's Russian: Wagtail's catalogue glues placeholders to words; ours corrects every such message.

Found from outside: an empty search of the appeal queue said «Обращенияне соответствует
вашему запросу», the export log «Нет Журнал выгрузок … для отображения».
"""

import re
from pathlib import Path

import pytest
import wagtail
from django.conf import settings
from django.template import Context, Template
from django.utils import translation

from tests.home.po import read_messages, read_po

# A placeholder run into a Russian word, or a word run into a placeholder.
TAG = re.compile(r"<[^>]+>")
GLUED = re.compile(r"%\([a-z_]+\)[sd][А-Яа-яЁё]|[А-Яа-яЁё]%\([a-z_]+\)[sd]")
WAGTAIL_CATALOGUES = sorted(Path(wagtail.__file__).parent.glob("**/locale/ru/LC_MESSAGES/django.po"))
OURS = Path(settings.BASE_DIR) / "locale" / "ru" / "LC_MESSAGES" / "django.po"


def _glued_messages():
    for path in WAGTAIL_CATALOGUES:
        for entry in read_po(path):
            if any(GLUED.search(text) for text in entry.translations):
                yield pytest.param(entry, id=entry.msgid[:50])


def _shown(entry, count: int) -> str:
    with translation.override("ru"):
        if entry.msgid_plural:
            return translation.ngettext(entry.msgid, entry.msgid_plural, count)
        return translation.gettext(entry.msgid)


def test_wagtail_still_has_the_slips_this_catalogue_corrects():
    """If an upgrade of Wagtail fixes its catalogue, the corrections here can go."""
    assert WAGTAIL_CATALOGUES
    assert list(_glued_messages())


@pytest.mark.parametrize("entry", list(_glued_messages()))
@pytest.mark.parametrize("count", [1, 2, 5, 21])
def test_no_placeholder_is_glued_to_a_word_in_the_admin(entry, count):
    shown = _shown(entry, count)
    assert not GLUED.search(shown), shown
    assert re.search("[А-Яа-яЁё]", shown), f"not translated: {shown}"


# English title case carried into the middle of a Russian phrase: «Одобрить и Опубликовать».
TITLE_CASE_EN = re.compile(r"\s(?:and|or)\s[A-Z][a-z]")
TITLE_CASE_RU = re.compile(r"\s(?:и|или)\s[А-ЯЁ][а-яё]")


def _title_cased_messages():
    for path in WAGTAIL_CATALOGUES:
        for entry in read_po(path):
            if TITLE_CASE_EN.search(entry.msgid) and any(TITLE_CASE_RU.search(text) for text in entry.translations):
                yield pytest.param(entry, id=entry.msgid[:50])


@pytest.mark.parametrize("entry", list(_title_cased_messages()))
def test_no_capital_letter_in_the_middle_of_an_admin_phrase(entry):
    shown = _shown(entry, 1)
    assert not TITLE_CASE_RU.search(shown), shown


# A count's noun with a capital letter: «28 Страниц», «0 Изображений» (the dashboard's site summary).
CAPITAL_AFTER_COUNT = re.compile(r"%\((?:count|counter|total|num|number|[a-z_]*count)\)[sd]\s[А-ЯЁ][а-яё]")


def _capitalised_counts():
    for path in WAGTAIL_CATALOGUES:
        for entry in read_po(path):
            if any(CAPITAL_AFTER_COUNT.search(text) for text in entry.translations):
                yield pytest.param(entry, id=entry.msgid[:50])


@pytest.mark.parametrize("entry", list(_capitalised_counts()))
@pytest.mark.parametrize("count", [1, 2, 5, 21])
def test_a_counted_noun_starts_with_a_small_letter(entry, count):
    with translation.override("ru"):
        shown = translation.ngettext(entry.msgid, entry.msgid_plural, count) if entry.msgid_plural else _shown(entry, 1)
    assert not CAPITAL_AFTER_COUNT.search(shown), shown


def test_the_heads_approval_buttons_read_as_one_phrase():
    with translation.override("ru"):
        assert translation.gettext("%(label)s and Publish") % {"label": "Одобрить"} == "Одобрить и опубликовать"


# A model's name used as a noun of the phrase («этот %(model_name)s», «утверждать %(model_name)s»): no gender or
# case agrees for every model. The head met «Обозреватель могут редактировать этот страница» on every report
# waiting for approval.
MODEL_NAME_AS_NOUN = re.compile(
    r"(?i)(?:\bэт(?:от|а|о|у|ого|ой)|\bданн\w+|редактировать|утверждать)\s+(?:%\(model_name\)s|\{model_name\})"
)


def _model_name_nouns():
    for path in WAGTAIL_CATALOGUES:
        for entry in read_po(path):
            if any(MODEL_NAME_AS_NOUN.search(text) for text in entry.translations):
                yield pytest.param(entry, id=entry.msgid[:50])


@pytest.mark.parametrize("entry", list(_model_name_nouns()))
def test_no_admin_phrase_uses_a_models_name_as_its_noun(entry):
    shown = _shown(entry, 2)
    assert not MODEL_NAME_AS_NOUN.search(shown), shown


def test_the_compiled_catalogue_matches_its_source():
    """The .mo is committed: after editing the .po, `make messages`."""
    for entry in read_po(OURS):
        for count in (1, 2, 5):
            shown = _shown(entry, count)
            assert shown in entry.translations, (entry.msgid, shown)


def test_an_empty_search_of_the_queue_reads_as_russian(admin_client):
    html = admin_client.get("/admin/appeals/?q=zzzzqqq").content.decode()
    assert "Ничего не найдено: измените запрос или сбросьте фильтры." in html
    assert "не соответствует вашему запросу" not in html


# Messages with no word to translate (placeholders, names).
UNTRANSLATABLE = {"ID", "Wagtail API v2", "Wagtail API v3", "workflow_tasks"}
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]")


def _installed_wagtail_messages():
    """Every message of the English catalogue of each installed Wagtail app (the full list of its msgids)."""
    root = Path(wagtail.__file__).parent
    for path in sorted(root.glob("**/locale/en/LC_MESSAGES/django.po")):
        app = ".".join(("wagtail", *path.relative_to(root).parts[:-4]))
        if app not in settings.INSTALLED_APPS:
            continue
        for message in read_messages(path):
            if message.msgid in UNTRANSLATABLE or not re.search("[A-Za-z]{2}", PLACEHOLDER.sub("", message.msgid)):
                continue
            yield pytest.param(message, id=f"{app}: {message.msgid[:40]}")


def _shown_in_context(message, count: int) -> str:
    if message.context and message.msgid_plural:
        return translation.npgettext(message.context, message.msgid, message.msgid_plural, count)
    if message.context:
        return translation.pgettext(message.context, message.msgid)
    return _shown(message, count)


def test_every_message_of_the_installed_wagtail_apps_is_shown_in_russian():
    untranslated = []
    with translation.override("ru"):
        for param in _installed_wagtail_messages():
            message = param.values[0]
            for count in (1, 2, 5) if message.msgid_plural else (1,):
                shown = _shown_in_context(message, count)
                if not re.search("[А-Яа-яЁё]", shown) and re.search("[A-Za-z]{2}", PLACEHOLDER.sub("", shown)):
                    untranslated.append(shown)
    assert not untranslated, untranslated


def test_times_of_the_workflow_and_history_read_as_russian():
    from datetime import timedelta

    from django.utils import timezone
    from wagtail.admin.templatetags.wagtailadmin_tags import timesince_simple

    with translation.override("ru"):
        shown = Template("{% load humanize %}{{ when|naturaltime }}").render(
            Context({"when": timezone.now() - timedelta(minutes=2)})
        )
        assert shown == "2\xa0минуты назад"
        assert timesince_simple(timezone.now() - timedelta(days=3)) == "3\xa0дня назад"


def test_the_page_listing_counts_its_rows_in_russian(admin_client):
    html = admin_client.get("/admin/pages/").content.decode()
    assert " of " not in TAG.sub(" ", html)
    assert "Записи 1–1 из 1" in html


def test_the_tree_root_an_editor_meets_at_pages_is_named_in_russian(client, django_user_model):
    from django.contrib.auth.models import Group

    editor = django_user_model.objects.create_user("editor-root", password="unused-password-1")
    editor.groups.add(Group.objects.get(name="Редакторы"))
    client.force_login(editor)
    html = client.get("/admin/pages/").content.decode()
    assert "Все сайты" in html
    assert not re.search(r">\s*Root\s*<", html)


# Sentences of Wagtail's catalogue with a model name in the nominative where Russian needs another case or gender.
CASE_SLIPS = [
    ("%(model_name)s '%(object)s' created.", "", {"model_name": "Должностное лицо", "object": "Смирнов"}),
    (
        "This %(model_name)s is referenced %(usage_count)s time.",
        "This %(model_name)s is referenced %(usage_count)s times.",
        {"model_name": "Текстовая страница", "usage_count": 2},
    ),
    ("No, don't unpublish", "", {}),
]


@pytest.mark.parametrize(("msgid", "plural", "values"), CASE_SLIPS, ids=[slip[0][:30] for slip in CASE_SLIPS])
def test_sentences_with_a_model_name_read_as_russian(msgid, plural, values):
    with translation.override("ru"):
        shown = (
            translation.ngettext(msgid, plural, values.get("usage_count", 1)) if plural else translation.gettext(msgid)
        )
    text = shown % values if values else shown
    assert not re.search(r"\bНа [А-Я]\w+ \w+ ссылались|Должностное лицо '.*' создана|опубликованным", text), text
    assert re.search("[А-Яа-я]", text)


# Counted messages that rightly read the same for 2 and 5: the number stands apart (in brackets, after a
# colon, «и ещё 3»), or in a case where Russian does not tell 2 from 5 (dative «к 2 документам», genitive
# «для 2 пользователей», prepositional «на 2 страницах», an animate accusative «удалить 2 пользователей»,
# «2 из … страниц»), or the placeholder is not a number (a type, a page's title).
NUMBER_INVARIANT = {
    "%(count)s of the pages being copied is live. Would you like to publish its copy?",
    "There is %(counter)s match",
    'Only pages of type "%(type)s" may be chosen for this field. Search results will exclude pages of other types.',
    "The following page cannot be moved to %(dest_title)s",
    "It will also delete 1 translation and its combined %(translation_descendant_count)s translated child page.",
    "It will also delete %(translation_count)s translations and their combined "
    "%(translation_descendant_count)s translated child page.",
    "Deleting this page will also delete 1 translation and its combined "
    "%(translation_descendant_count)s translated child page.",
    "Deleting this page will also delete %(translation_count)s translation of this page.",
    "This will also move one translation of this page and its child pages",
    "This page has one subpage and its translations have a combined one translated child page. Unpublish these too",
    "This page has one child page and its translations have a combined %(translation_descendant_count)s "
    "translated child pages. Unpublish these too",
    "There is one matching page",
    "This %(model_name)s is referenced %(usage_count)s time.",
    "+%(counter)s more",
    "This workflow is in progress on %(states_in_progress)d page/snippet. "
    "Disabling this workflow will cancel moderation on this page/snippet.",
    "This task is in progress on %(states_in_progress)d page/snippet. Disabling this task will cause it to be "
    "skipped in the moderation workflow and not be listed for selection when editing a workflow.",
    "Add tags to 1 document",
    "New tags have been added to %(num_parent_objects)d document",
    "Add tags to 1 image",
    "New tags have been added to %(num_parent_objects)d image",
    "%(count)d %(model_name)s deleted.",
    "Assign role to 1 user",
    "Delete 1 user",
    "Change active state for 1 user",
}


def _counted_messages():
    for param in _installed_wagtail_messages():
        message = param.values[0]
        if message.msgid_plural and PLACEHOLDER.search(message.msgid_plural):
            yield message


def test_every_counted_message_of_the_admin_agrees_with_its_number():
    """Found from outside: the appeal queue's search said «Есть 2 совпадений»; Wagtail's catalogue gives
    2–4 the form of 5 in some forty messages («Удалить 3 страниц»), and 21 the words of 1 («… к 1 документу»)."""
    same_for_2_and_5, no_number_for_21 = [], []
    with translation.override("ru"):
        for message in _counted_messages():
            two = _shown_in_context(message, 2)
            if two == _shown_in_context(message, 5) and message.msgid not in NUMBER_INVARIANT:
                same_for_2_and_5.append(two)
            if not PLACEHOLDER.search(_shown_in_context(message, 21)):
                no_number_for_21.append(_shown_in_context(message, 21))
    assert not same_for_2_and_5, same_for_2_and_5
    assert not no_number_for_21, no_number_for_21


@pytest.mark.parametrize(
    ("rows", "found", "label"), [(3, "Найдено: 3", "3 обращения"), (5, "Найдено: 5", "5 обращений")]
)
def test_the_queue_counts_its_search_results_in_russian(admin_client, rows, found, label):
    """Under the list Wagtail wrote «{count} {verbose_name_plural}»: «5 Обращения», «21 Обращения»."""
    from tests.appeals.queue_helpers import appeal_in

    for _ in range(rows):
        appeal_in("registered", surname="Счётова")
    html = admin_client.get("/admin/appeals/", {"q": "Счётова"}).content.decode()
    assert found in html and label in TAG.sub(" ", html)
    assert "совпадений" not in html and "Обращения" not in TAG.sub(" ", html).split("Страница")[-1]


@pytest.mark.parametrize(
    ("n", "shown"),
    [
        (1, "1 обращение"),
        (2, "2 обращения"),
        (5, "5 обращений"),
        (11, "11 обращений"),
        (21, "21 обращение"),
        (104, "104 обращения"),
        (1112, "1\u00a0112 обращений"),
    ],
)
def test_a_count_of_appeals_agrees_with_its_number(n, shown):
    from appeals_form.admin_views.listing import AppealPaginator
    from home.templatetags.admin_counts import items_count

    assert items_count(AppealPaginator(range(n), 50)) == shown


def test_wagtails_reports_menu_is_not_named_like_the_departments_reports():
    """«Отчеты» in the admin's menu held locked pages and site history; editors looking for the half-year
    reports («Отчёты», a section of pages) opened it first."""
    with translation.override("ru"):
        label = translation.gettext("Reports")
    assert "отч" not in label.lower().replace("ё", "е"), label


@pytest.mark.django_db
def test_the_page_explorer_is_headed_pages_not_research(admin_client):
    """Wagtail's «Exploring» was «Исследование» («research»): the heading of every page listing."""
    text = admin_client.get("/admin/pages/").content.decode()
    title = re.search(r"<title>(.*?)</title>", text, re.S).group(1)
    assert "Исследование" not in text
    assert title.strip().startswith("Страницы"), title
