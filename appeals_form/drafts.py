"""The resident's draft of an appeal, kept in the session between the steps.

A draft is keyed by the form token (a uuid4, also the idempotency key of the
registration). It holds the values as typed (the form validates them again at
every step) and the staged attachments. Once an appeal is registered the draft
is dropped and only "token -> status page" is remembered, so that a double
click or a replayed request lands on the same appeal.

Sessions are server-side (database), so nothing here reaches the browser but
the session cookie.
"""

import uuid
from dataclasses import asdict, dataclass, field
from datetime import datetime

from django.utils import timezone

from appeals_form import attachments
from appeals_form.types import StagedFile

SESSION_KEY = "appeal_form"
MAX_DRAFTS = 3  # drafts per session; the oldest is dropped (with its files)
MAX_DONE = 20  # remembered registrations per session


def parse_token(value: str | None) -> str | None:
    """The canonical form of a uuid4 token, or None when it is not one."""
    try:
        token = uuid.UUID(str(value or ""))
    except ValueError:
        return None
    return str(token) if token.version == 4 else None


def new_token() -> str:
    return str(uuid.uuid4())


@dataclass
class Draft:
    token: str
    values: dict[str, str] = field(default_factory=dict)  # field name -> value as typed
    files: list[StagedFile] = field(default_factory=list)
    co_author_rows: int = 0
    owner: str = ""  # the identity's e-mail the draft belongs to
    consent_version: str = ""
    consent_given_at: datetime | None = None
    updated_at: str = ""
    # What the form's page shows at the draft's address after a POST (Post/Redirect/Get: Back or reload
    # never sends the form again): the errors of the values as sent, the refused files, the new co-author row.
    show_errors: bool = False
    file_errors: list[str] = field(default_factory=list)
    focus_row: int | None = None

    def after_post(self, *, show_errors: bool = False, file_errors=(), focus_row: int | None = None) -> None:
        self.show_errors, self.file_errors, self.focus_row = show_errors, list(file_errors), focus_row

    def to_dict(self) -> dict:
        return {
            "values": dict(self.values),
            "files": [asdict(f) for f in self.files],
            "co_author_rows": self.co_author_rows,
            "owner": self.owner,
            "consent_version": self.consent_version,
            "consent_given_at": self.consent_given_at.isoformat() if self.consent_given_at else None,
            "updated_at": self.updated_at,
            "show_errors": self.show_errors,
            "file_errors": list(self.file_errors),
            "focus_row": self.focus_row,
        }

    @classmethod
    def from_dict(cls, token: str, data: dict) -> "Draft":
        consent_at = data.get("consent_given_at")
        return cls(
            token=token,
            values={str(k): str(v) for k, v in (data.get("values") or {}).items()},
            files=[StagedFile(**f) for f in data.get("files") or []],
            co_author_rows=int(data.get("co_author_rows") or 0),
            owner=data.get("owner") or "",
            consent_version=data.get("consent_version") or "",
            consent_given_at=datetime.fromisoformat(consent_at) if consent_at else None,
            updated_at=data.get("updated_at") or "",
            show_errors=bool(data.get("show_errors")),
            file_errors=[str(e) for e in data.get("file_errors") or []],
            focus_row=data["focus_row"] if isinstance(data.get("focus_row"), int) else None,
        )


def _state(request) -> dict:
    state = request.session.get(SESSION_KEY)
    if not isinstance(state, dict):
        state = {}
    state.setdefault("drafts", {})
    state.setdefault("done", {})
    return state


def _store(request, state: dict) -> None:
    request.session[SESSION_KEY] = state
    request.session.modified = True


def load(request, token: str | None) -> Draft | None:
    if not token:
        return None
    data = _state(request)["drafts"].get(token)
    if not isinstance(data, dict):
        return None
    try:
        return Draft.from_dict(token, data)
    except (TypeError, ValueError):
        return None


def latest(request, *, owner: str) -> Draft | None:
    """The applicant's most recently saved draft in this session with anything typed or attached, or None.

    For a resident who left the form (a link, the back button, a closed tab) and
    comes back to its plain address: what they typed is still there.
    """
    for token, data in reversed(list(_state(request)["drafts"].items())):
        draft = load(request, token) if isinstance(data, dict) else None
        if draft is None or draft.owner not in ("", owner):
            continue
        if draft.files or any(value.strip() for name, value in draft.values.items() if name not in _PREFILLED):
            return draft
    return None


# Filled in from the identification, not typed: a draft with only these is empty.
_PREFILLED = frozenset({"surname", "first_name", "patronymic", "email", "coauthor_rows"})


def updated_at(draft: Draft) -> datetime | None:
    try:
        return datetime.fromisoformat(draft.updated_at) if draft.updated_at else None
    except ValueError:
        return None


def save(request, draft: Draft) -> None:
    state = _state(request)
    draft.updated_at = timezone.now().isoformat()
    drafts = state["drafts"]
    drafts.pop(draft.token, None)
    drafts[draft.token] = draft.to_dict()
    while len(drafts) > MAX_DRAFTS:
        oldest = next(iter(drafts))
        old = Draft.from_dict(oldest, drafts.pop(oldest))
        attachments.delete_staged(old.files)
    _store(request, state)


def discard(request, token: str, *, delete_files: bool) -> None:
    """Forget a draft; ``delete_files`` also removes its staged attachments
    (not after registration: the appeal owns them then)."""
    state = _state(request)
    data = state["drafts"].pop(token, None)
    if data is not None and delete_files:
        attachments.delete_staged(Draft.from_dict(token, data).files)
    _store(request, state)


def remember_done(request, token: str, url: str) -> None:
    state = _state(request)
    done = state["done"]
    done.pop(token, None)
    done[token] = url
    while len(done) > MAX_DONE:
        done.pop(next(iter(done)))
    _store(request, state)


def done_url(request, token: str | None) -> str | None:
    if not token:
        return None
    url = _state(request)["done"].get(token)
    return url if isinstance(url, str) else None
