"""Russian text quotes with «…», never with straight quotes "…": ours and Wagtail's as the admin shows it.

Found from outside: the editor read «Страница 'Часы приёма' создана и опубликована.» after every
publish, «Страница "Отчёт" была отправлена на модерацию "Проверка"», and the staff guide said
«выберите «Отправить в "Согласование"»». Every string literal of the project's Python (docstrings and
comments are for developers), the text of every template, and every message of the installed Wagtail
apps as shown in Russian (locale/ru corrects Wagtail's catalogue) are read.
"""

import ast
import io
import re
import tokenize
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

from tests.home.test_admin_translations import _installed_wagtail_messages, _shown_in_context

ROOT = Path(settings.BASE_DIR)
SKIPPED_DIRS = {".venv", "node_modules", "tests", "bench", "migrations", "staticfiles", ".git"}
# Straight quotes around a Russian word or a placeholder (of a Russian message), where «…» belongs. An HTML
# attribute's value follows «=»: not a quotation.
PAIR = re.compile(r'(?:^|(?<=[\s(«„—:]))"([^"\n]*)"')
# Wagtail's catalogue quotes with apostrophes too («Страница '%(page_title)s' опубликована.»); in the project's
# code an apostrophe pair is a Python or SQL literal inside a string, so this rule reads messages only.
SINGLE_PAIR = re.compile(r"(?:^|(?<=[\s(«„—:]))'([^'\n]*)'(?=[\s.,;:!?)»]|$)")
CYRILLIC = re.compile("[А-Яа-яЁё]")
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|\{[a-z_]+\}")
TAG = re.compile(r"<[^>]+>")
# Wagtail's help of its tag field names the character itself: «заключены в двойные кавычки (")».
THE_CHARACTER_ITSELF = '(")'


def _project_files(pattern: str):
    for path in sorted(ROOT.rglob(pattern)):
        if not SKIPPED_DIRS & set(path.relative_to(ROOT).parts[:-1]):
            yield path


def _docstring_lines(tree) -> set[int]:
    kinds = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
    return {
        node.body[0].lineno
        for node in ast.walk(tree)
        if isinstance(node, kinds)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
        and isinstance(node.body[0].value.value, str)
    }


def _literal_text(token: str) -> str:
    body = token.lstrip("rRbBuUfF")
    quote = body[:3] if body[:3] in ('"""', "'''") else body[0]
    return body[len(quote) : -len(quote)].replace('\\"', '"')


def _python_strings():
    for path in _project_files("*.py"):
        source = path.read_text(encoding="utf-8")
        docstrings = _docstring_lines(ast.parse(source))
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if token.type == tokenize.STRING and token.start[0] not in docstrings:
                yield f"{path.relative_to(ROOT)}:{token.start[0]}", _literal_text(token.string)


TEMPLATE_COMMENT = re.compile(r"\{#.*?#\}|\{%\s*comment\s*%\}.*?\{%\s*endcomment\s*%\}", re.S)
TEMPLATE_TAG = re.compile(r"\{%.*?%\}|\{\{.*?\}\}", re.S)
CODE_SAMPLE = re.compile(r"<(pre|code)\b.*?</\1>", re.S)  # a JSON or shell sample quotes as its language does


def _template_texts():
    for path in _project_files("*.html"):
        source = CODE_SAMPLE.sub("", TEMPLATE_COMMENT.sub("", path.read_text(encoding="utf-8")))
        # Strings inside template tags ({{ x|default:'…' }}) are text too; their own delimiters are not.
        for tag in TEMPLATE_TAG.findall(source):
            for literal in re.findall(r"'([^']*)'", tag):
                yield str(path.relative_to(ROOT)), literal
        yield str(path.relative_to(ROOT)), TAG.sub(" ", TEMPLATE_TAG.sub(" ", source))


def _straight(text: str, pairs=(PAIR,)) -> list[str]:
    text = TAG.sub("", text).replace(THE_CHARACTER_ITSELF, "")
    if not CYRILLIC.search(text):
        return []
    return [
        text[max(0, m.start() - 30) : m.end() + 30]
        for pair in pairs
        for m in pair.finditer(text)
        if CYRILLIC.search(m.group(1)) or PLACEHOLDER.fullmatch(m.group(1).strip())
    ]


def test_the_rule_finds_straight_quotes_and_passes_russian_ones():
    assert _straight('Нажмите "Отправить"') and _straight('Страница "%(title)s" опубликована')
    assert _straight('по запросу "<em>%(q)s</em>"')
    assert _straight("Страница '%(page_title)s' опубликована.", pairs=(SINGLE_PAIR,))
    assert not _straight("translate(lower(x), 'ё', 'е')")
    assert not _straight("Нажмите «Отправить в „Согласование“»")
    assert not _straight('<a href="%(url)s" title="Открыть">Открыть</a>')
    assert not _straight('CREATE INDEX ON "{table}"') and not _straight('%(h)s "%(r)s" %(s)s')


def test_no_straight_quotes_in_the_projects_russian_strings():
    found = [f"{where}: {hit}" for where, text in (*_python_strings(), *_template_texts()) for hit in _straight(text)]
    assert found == []


@pytest.mark.parametrize("count", [1, 5])
def test_no_straight_quotes_in_wagtails_admin_as_shown_in_russian(count):
    with translation.override("ru"):
        found = [
            f"{param.values[0].msgid}: {hit}"
            for param in _installed_wagtail_messages()
            for hit in _straight(_shown_in_context(param.values[0], count), pairs=(PAIR, SINGLE_PAIR))
        ]
    assert found == []
