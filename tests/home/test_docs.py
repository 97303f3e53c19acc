"""The docs name real things: every file path and Python module a newcomer
reads in README.md or docs/*.md exists, and every dependency the project pins
is explained in the README.

A renamed module (``reports/kinds.py``) or a registry that moved
(``<app>/jobs.py``) leaves the map pointing nowhere; these tests fail then.
"""

import importlib
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = sorted([ROOT / "README.md", *(ROOT / "docs").glob("*.md")])
CODE = re.compile(r"`([^`\s]+)`")
# A placeholder in a path or name: `<app>/jobs.py`, `templates/reports/…`, `bench/results/intake-*.md`.
PLACEHOLDER = re.compile(r"[<>…*{}|?=&]")
TOP_LEVEL = {p.name for p in ROOT.iterdir() if not p.name.startswith(".")}
APPS = ("portal", "home", "appeals_form", "identity", "forwarding", "schedules", "regulations", "reports", "privacy")
MODULE = re.compile(rf"^(?:{'|'.join(APPS)})(?:\.\w+)+$")
# Paths the project creates at run time (not in the repository).
GENERATED = ("tests/output/", "private_media/", "node_modules/", "bench/results/")
CHECK_ID = re.compile(r"^\w+\.[EWI]\d{3}$")
MD_LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")


def _mentions() -> list[tuple[str, str]]:
    found = []
    for doc in DOCS:
        for token in CODE.findall(doc.read_text(encoding="utf-8")):
            found.append((doc.relative_to(ROOT).as_posix(), token.rstrip(".,:;()")))
    return found


def _repo_paths() -> list[tuple[str, str]]:
    paths = []
    for doc, token in _mentions():
        if PLACEHOLDER.search(token) or token.startswith(("/", "http", ".")) or "/" not in token:
            continue
        if token.split("/")[0] not in TOP_LEVEL or token.startswith(GENERATED):
            continue
        paths.append((doc, token))
    return paths


def _modules() -> list[tuple[str, str]]:
    return [(doc, token.removesuffix("()")) for doc, token in _mentions() if MODULE.match(token.removesuffix("()"))]


def _names_a_registered_thing(dotted: str) -> bool:
    """`app.Model` labels, `app.codename` permissions, periodic job names and system check ids."""
    from django.apps import apps

    from home import scheduler

    if dotted in scheduler.declared():
        return True
    label, _, name = dotted.partition(".")
    if CHECK_ID.match(dotted):
        return any(f'"{dotted}"' in path.read_text(encoding="utf-8") for path in (ROOT / label).rglob("*.py"))
    try:
        config = apps.get_app_config(label)
    except LookupError:
        return False
    for model in config.get_models():
        codenames = {f"{action}_{model._meta.model_name}" for action in model._meta.default_permissions}
        if name in {model.__name__, *codenames, *(code for code, _ in model._meta.permissions)}:
            return True
    return False


def _resolves(dotted: str) -> bool:
    if _names_a_registered_thing(dotted):
        return True
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:cut]))
        except ModuleNotFoundError:
            continue
        for name in parts[cut:]:
            if not hasattr(obj, name):
                return False
            obj = getattr(obj, name)
        return True
    return False


def test_the_docs_name_the_real_modules_of_each_registry():
    architecture = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    for name in (
        "reports/kinds.py",
        "home/scheduler.py",
        "<app>/jobs.py",
        "appeals_form/types.py",
        "PERSONAL_FIELDS",
        "appeal-fields.md",
        "record",
        "notify",
    ):
        assert name in architecture, f"docs/architecture.md does not name {name}"


def test_the_checker_finds_paths_and_modules_to_check():
    # Guards the checks below against silently checking nothing.
    assert len(_repo_paths()) > 50
    assert len(_modules()) > 5


@pytest.mark.parametrize(("doc", "path"), _repo_paths(), ids=lambda value: value)
def test_every_path_named_in_the_docs_exists(doc, path):
    path, _, test_name = path.partition("::")
    assert (ROOT / path).exists(), f"{doc} names {path}, which is not in the repository"
    if test_name:
        assert f"def {test_name}(" in (ROOT / path).read_text(encoding="utf-8"), f"{doc} names {path}::{test_name}"


@pytest.mark.django_db
def test_every_module_named_in_the_docs_imports():
    missing = sorted({f"{doc}: {name}" for doc, name in _modules() if not _resolves(name)})
    assert not missing, f"the docs name modules or attributes that do not exist: {missing}"


def test_every_relative_link_of_the_docs_leads_to_a_file():
    broken = []
    for doc in DOCS:
        for target in MD_LINK.findall(doc.read_text(encoding="utf-8")):
            if target.startswith(("http://", "https://", "mailto:")):
                continue
            if not (doc.parent / target).exists():
                broken.append(f"{doc.relative_to(ROOT)} -> {target}")
    assert not broken, f"broken links: {broken}"


def _pinned() -> set[str]:
    names = set()
    for requirements in ROOT.glob("requirements*.txt"):
        for line in requirements.read_text(encoding="utf-8").splitlines():
            line = line.split("#")[0].strip()
            if not line or line.startswith("-"):
                continue
            names.add(re.split(r"[\[=<>~!]", line)[0].strip().lower())
    return names


def test_every_pinned_dependency_is_explained_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Dependencies", 1)[1].split("\n## ", 1)[0]
    explained = set()
    for row in section.splitlines():
        cells = [cell.strip() for cell in row.strip().strip("|").split("|")]
        if len(cells) >= 2 and cells[1] and not set(cells[1]) <= {"-", " "}:
            for name in re.split(r",\s*", cells[0]):
                explained.add(re.split(r"[\s\[]", name.strip())[0].lower())
    assert _pinned(), "requirements files were read"
    missing = sorted(_pinned() - explained)
    assert not missing, f"README «Dependencies» does not explain: {missing}"
