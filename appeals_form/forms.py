"""The online appeal form (интернет-приёмная): fields, checks and Russian messages.

The form is plain Django, bound to the resident's identity: the reply e-mail
is the identity's confirmed address, and names that come from an identity
provider are locked (posted values for them are ignored). Attachments are not
a form field: they are checked and staged by ``appeals_form.attachments`` as
soon as they arrive, and the view adds their errors to the ``attachments`` slot.
"""

import contextlib

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError

from appeals_form import selectors, validators
from appeals_form.models.appeal import Appeal
from appeals_form.types import CoAuthorData
from home.choices import FixedChoices
from home.formrender import PublicForm
from identity.forms import ReplyEmailField
from identity.types import Identity

MSG_TEXT_TOO_LONG = "Текст обращения не должен быть длиннее {limit} знаков (сейчас {length})."
MSG_EMAIL_MISMATCH = (
    "Адрес для ответа — это адрес, подтверждённый при идентификации ({email}). "
    "Чтобы указать другой адрес, пройдите идентификацию с ним."
)
MSG_HONEYPOT = (
    "Форма заполнена автоматически и не может быть принята. Если вы заполняли её сами, "
    "обновите страницу и попробуйте ещё раз."
)


class LineField(forms.CharField):
    """A one-line text: NUL bytes and broken encodings refused, spaces trimmed."""

    def __init__(self, *, max_length: int, **kwargs):
        kwargs.setdefault("widget", forms.TextInput)
        super().__init__(max_length=max_length, strip=False, **kwargs)
        # The browser must not cut a longer value silently: the server explains.
        self.widget.attrs.pop("maxlength", None)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.pop("maxlength", None)
        return attrs

    def to_python(self, value):
        return self.clean_value(super().to_python(value))

    def clean_value(self, value: str) -> str:
        return validators.clean_line(value)


class MultilineField(LineField):
    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.Textarea)
        super().__init__(**kwargs)

    def clean_value(self, value: str) -> str:
        return validators.clean_multiline(value)


def _max_length_message(limit: int) -> str:
    return f"Не более {limit} знаков."


def postal_address_field(*, label: str, help_text: str, autocomplete: str) -> MultilineField:
    """An optional postal address, the applicant's or a co-author's: one length, one set of characters."""
    return MultilineField(
        label=label,
        required=False,
        max_length=validators.ADDRESS_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2, "autocomplete": autocomplete}),
        help_text=help_text,
        error_messages={"max_length": _max_length_message(validators.ADDRESS_MAX_LENGTH)},
    )


class ReferenceChoiceField(forms.ChoiceField):
    """A choice of one row of a reference list (addressees, topics).

    Like ``ModelChoiceField`` (the cleaned value is the instance, the label its
    ``str()``), but over ``fragments.KeptRows``, which the selectors keep per
    process: offering and checking the choice needs no query, and only the
    chosen row becomes an instance.
    """

    def __init__(self, *, empty_label: str, **kwargs):
        super().__init__(choices=(), **kwargs)
        self.empty_label = empty_label
        self._reference = None

    @property
    def reference(self):
        return self._reference

    @reference.setter
    def reference(self, reference) -> None:
        self._reference = reference
        self.choices = FixedChoices((("", self.empty_label), *((str(pk), label) for pk, label in reference.labels)))

    def to_python(self, value):
        if value in self.empty_values:
            return None
        value = str(value).strip()
        row = self._reference.row(int(value)) if value.isascii() and value.isdigit() else None
        if row is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value})
        return row

    def validate(self, value) -> None:
        if value is None and self.required:
            raise ValidationError(self.error_messages["required"], code="required")

    def has_changed(self, initial, data) -> bool:
        initial = getattr(initial, "pk", initial)
        return str(initial if initial is not None else "") != str(data if data is not None else "")


class AppealForm(PublicForm):
    surname = LineField(
        label="Фамилия",
        max_length=validators.NAME_MAX_LENGTH,
        error_messages={"required": "Укажите фамилию.", "max_length": _max_length_message(validators.NAME_MAX_LENGTH)},
        validators=[validators.validate_person_name],
    )
    first_name = LineField(
        label="Имя",
        max_length=validators.NAME_MAX_LENGTH,
        error_messages={"required": "Укажите имя.", "max_length": _max_length_message(validators.NAME_MAX_LENGTH)},
        validators=[validators.validate_person_name],
    )
    patronymic = LineField(
        label="Отчество",
        required=False,
        max_length=validators.NAME_MAX_LENGTH,
        help_text="Если есть.",
        error_messages={"max_length": _max_length_message(validators.NAME_MAX_LENGTH)},
        validators=[validators.validate_person_name],
    )
    email = LineField(
        label="Адрес электронной почты для ответа",
        required=False,
        max_length=254,
        widget=forms.EmailInput,
        help_text="Адрес, подтверждённый при идентификации. На него придёт ответ.",
    )
    phone = LineField(
        label="Телефон",
        required=False,
        max_length=validators.PHONE_MAX_LENGTH,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
        help_text="Необязательно. Например: +7 495 123-45-67.",
        error_messages={"max_length": validators.MSG_PHONE},
    )
    postal_address = postal_address_field(
        label="Почтовый адрес",
        help_text="Необязательно. Укажите, если хотите получить ответ и по почте.",
        autocomplete="street-address",
    )
    addressee = ReferenceChoiceField(
        label="Кому адресовано обращение",
        empty_label="— выберите адресата —",
        error_messages={
            "required": "Выберите, кому адресовано обращение.",
            "invalid_choice": "Выберите адресата из списка.",
        },
    )
    topic = ReferenceChoiceField(
        label="Тема обращения",
        empty_label="— выберите тему —",
        error_messages={"required": "Выберите тему обращения.", "invalid_choice": "Выберите тему из списка."},
    )
    kind = forms.ChoiceField(
        label="Вид обращения",
        choices=FixedChoices(Appeal.Kind.choices),
        widget=forms.RadioSelect,
        error_messages={
            "required": "Выберите вид обращения: предложение, заявление или жалоба.",
            "invalid_choice": "Выберите вид обращения из предложенных: предложение, заявление или жалоба.",
        },
    )
    text = MultilineField(
        label="Текст обращения",
        max_length=100_000,  # the real limit is checked in clean_text, with the count in the message
        widget=forms.Textarea(attrs={"rows": 12}),
        error_messages={"required": "Напишите текст обращения."},
    )
    consent = forms.BooleanField(
        label="Я даю согласие на обработку моих персональных данных",
        error_messages={
            "required": "Отметьте согласие на обработку персональных данных: без него обращение не может быть принято."
        },
    )
    # A trap for robots: hidden from people and screen readers, must stay empty.
    website_url = forms.CharField(required=False, label="Не заполняйте это поле")

    def __init__(self, *args, identity: Identity, **kwargs):
        super().__init__(*args, **kwargs)
        self.identity = identity
        self.fields["addressee"].reference = selectors.addressees()
        self.fields["topic"].reference = selectors.topics()
        self.fields["text"].help_text = f"Не более {settings.APPEALS_TEXT_MAX_LENGTH} знаков."
        # Past the field's hard bound (a pasted book) the same message as past the limit, not Django's own.
        self.fields["text"].error_messages["max_length"] = MSG_TEXT_TOO_LONG.format(
            limit=settings.APPEALS_TEXT_MAX_LENGTH, length="%(show_value)d"
        )
        self.fields["text"].widget.attrs["data-max-length"] = str(settings.APPEALS_TEXT_MAX_LENGTH)
        self.initial["email"] = identity.email
        email_attrs = self.fields["email"].widget.attrs
        email_attrs.update({"readonly": True, "autocomplete": "email"})
        autocomplete = {"surname": "family-name", "first_name": "given-name", "patronymic": "additional-name"}
        for name, token in autocomplete.items():
            self.fields[name].widget.attrs["autocomplete"] = token
        if self.locked_fields and self.is_bound:
            # Posted values of locked fields are ignored: the identity's are used (and shown).
            data = self.data.copy()
            for name in self.locked_fields:
                data[self.add_prefix(name)] = getattr(identity, name)
            self.data = data
        for name in self.locked_fields:
            field = self.fields[name]
            self.initial[name] = getattr(identity, name)
            field.required = False
            field.validators = []
            field.widget.attrs["readonly"] = True
            field.help_text = "Получено при идентификации, изменить нельзя."
        trap = self.fields["website_url"].widget.attrs
        trap.update({"tabindex": "-1", "autocomplete": "off"})

    @property
    def locked_fields(self) -> tuple[str, ...]:
        return ("surname", "first_name", "patronymic") if self.identity.names_locked else ()

    def _locked_value(self, name: str) -> str:
        return getattr(self.identity, name)

    def clean_surname(self):
        return self._locked_value("surname") if "surname" in self.locked_fields else self.cleaned_data["surname"]

    def clean_first_name(self):
        if "first_name" in self.locked_fields:
            return self._locked_value("first_name")
        return self.cleaned_data["first_name"]

    def clean_patronymic(self):
        if "patronymic" in self.locked_fields:
            return self._locked_value("patronymic")
        return self.cleaned_data["patronymic"]

    def clean_email(self):
        from identity.validators import normalize_reply_email

        posted = self.cleaned_data.get("email") or ""
        with contextlib.suppress(ValidationError):
            posted = normalize_reply_email(posted) if posted else ""
        if posted and posted.casefold() != self.identity.email.casefold():
            raise ValidationError(MSG_EMAIL_MISMATCH.format(email=self.identity.email), code="email_mismatch")
        return self.identity.email

    def clean_phone(self):
        return validators.normalize_phone(self.cleaned_data.get("phone") or "")

    def clean_text(self):
        text = self.cleaned_data["text"]
        limit = settings.APPEALS_TEXT_MAX_LENGTH
        if len(text) > limit:
            raise ValidationError(MSG_TEXT_TOO_LONG.format(limit=limit, length=len(text)), code="max_length")
        return text

    def clean_website_url(self):
        if (self.cleaned_data.get("website_url") or "").strip():
            # Not tied to the (hidden) field: people see it at the top of the form.
            self.add_error(None, ValidationError(MSG_HONEYPOT, code="honeypot"))
        return ""


class CoAuthorForm(PublicForm):
    """One co-author of a collective appeal; an entirely empty row is skipped."""

    name = LineField(
        label="Фамилия, имя, отчество соавтора",
        required=False,
        max_length=validators.CO_AUTHOR_NAME_MAX_LENGTH,
        error_messages={"max_length": _max_length_message(validators.CO_AUTHOR_NAME_MAX_LENGTH)},
    )
    email = ReplyEmailField(
        label="Электронная почта соавтора",
        required=False,
        help_text="Необязательно: ответ на коллективное обращение направляется по вашему адресу.",
        attrs={"autocomplete": "off"},
        # Co-authors do not receive the answer: the zone rule is not about it here.
        zone_message="Адрес соавтора должен быть в доменных зонах {zones}. Укажите другой адрес.",
    )
    postal_address = postal_address_field(
        label="Почтовый адрес соавтора",
        help_text="Необязательно.",
        autocomplete="off",  # not the applicant's own address, which the browser would offer
    )

    def clean_name(self):
        name = self.cleaned_data.get("name") or ""
        if name:
            validators.validate_person_name(name)
        return name

    def clean(self):
        data = super().clean()
        name, email, address = data.get("name"), data.get("email"), data.get("postal_address")
        # 59-ФЗ asks an address for the answer of the applicant (art. 7 parts 1, 3), not of every co-author:
        # the answer goes to the address given in the appeal. A co-author's e-mail and postal address are optional.
        if (email or address) and not name and "name" not in self.errors:
            self.add_error("name", "Укажите фамилию, имя и отчество соавтора.")
        return data

    @property
    def is_empty(self) -> bool:
        return not any((self.data.get(self.add_prefix(name)) or "").strip() for name in CO_AUTHOR_FIELDS)


CO_AUTHOR_FIELDS = ("name", "email", "postal_address")


def co_author_prefix(index: int) -> str:
    return f"coauthor-{index}"


def default_co_author_rows() -> int:
    return min(settings.APPEALS_CO_AUTHOR_ROWS, settings.APPEALS_MAX_CO_AUTHORS)


def clamp_co_author_rows(value) -> int:
    try:
        rows = int(value)
    except (TypeError, ValueError):
        rows = 0
    return max(default_co_author_rows(), min(rows, settings.APPEALS_MAX_CO_AUTHORS))


def co_author_forms(data, *, rows: int) -> list[CoAuthorForm]:
    return [CoAuthorForm(data, prefix=co_author_prefix(i), auto_id="id_%s") for i in range(rows)]


def validate_co_authors(co_forms: list[CoAuthorForm], *, applicant_email: str) -> list[CoAuthorData]:
    """Validate all rows; return the co-authors (empty rows skipped).

    Errors stay on the row forms; duplicates and the applicant's own address
    are reported next to the repeated e-mail.
    """
    seen = {applicant_email.casefold()}
    result = []
    for co_form in co_forms:
        if co_form.is_empty:
            # Still validate, so that a row of bad characters is not silently dropped.
            co_form.is_valid()
            continue
        if not co_form.is_valid():
            continue
        email = co_form.cleaned_data.get("email") or ""
        if email and email.casefold() in seen:
            message = (
                "Это ваш адрес: укажите адрес соавтора или оставьте поле пустым."
                if email.casefold() == applicant_email.casefold()
                else "Этот адрес уже указан у другого соавтора."
            )
            co_form.add_error("email", message)
            continue
        if email:
            seen.add(email.casefold())
        address = co_form.cleaned_data.get("postal_address") or ""
        result.append(CoAuthorData(name=co_form.cleaned_data["name"], email=email, postal_address=address))
    return result


def co_author_values(data, *, rows: int) -> dict[str, str]:
    """The posted co-author values as typed, for the draft."""
    values = {}
    for i in range(rows):
        for name in CO_AUTHOR_FIELDS:
            key = f"{co_author_prefix(i)}-{name}"
            values[key] = str(data.get(key, ""))[:1000]
    return values


def co_author_initial_forms(values: dict, *, rows: int) -> list[CoAuthorForm]:
    """Unbound co-author rows filled from a draft (no errors shown)."""
    co_forms = []
    for i in range(rows):
        prefix = co_author_prefix(i)
        initial = {name: values.get(f"{prefix}-{name}", "") for name in CO_AUTHOR_FIELDS}
        co_forms.append(CoAuthorForm(initial=initial, prefix=prefix, auto_id="id_%s"))
    return co_forms


# -- presentation helpers ----------------------------------------------------------------------------------------

# The order of the fields on the page, for the error summary.
SUMMARY_ORDER = (
    "__all__",
    "surname",
    "first_name",
    "patronymic",
    "email",
    "phone",
    "postal_address",
    "addressee",
    "topic",
    "kind",
    "text",
    "co_authors",
    "attachments",
    "consent",
    "website_url",
)


# Shorter names for the error summary where the label is a whole sentence.
SUMMARY_LABELS = {"consent": "Согласие на обработку персональных данных"}
# A co-author's field in the error summary: «Соавтор 2, почтовый адрес» (one name for each of CO_AUTHOR_FIELDS).
CO_AUTHOR_SUMMARY_LABELS = {"name": "ФИО", "email": "электронная почта", "postal_address": "почтовый адрес"}


def _field_anchor(bound_field) -> str:
    if isinstance(bound_field.field.widget, forms.RadioSelect):
        return f"{bound_field.auto_id}_0"
    return bound_field.auto_id


def error_summary(form: AppealForm, co_forms: list[CoAuthorForm], file_errors: list[str]) -> list[dict]:
    """Every error of the page, in page order, with a link to its field."""
    items: dict[str, list[dict]] = {key: [] for key in SUMMARY_ORDER}
    for name, errors in form.errors.items():
        if name == "__all__" or name == "website_url":
            items["__all__"] += [{"href": "", "label": "", "message": str(e)} for e in errors]
            continue
        bound = form[name]
        items.setdefault(name, [])
        label = SUMMARY_LABELS.get(name, bound.label)
        items[name] += [{"href": "#" + _field_anchor(bound), "label": label, "message": str(e)} for e in errors]
    for index, co_form in enumerate(co_forms, start=1):
        for name, errors in co_form.errors.items():
            if name == "__all__":
                continue
            bound = co_form[name]
            label = f"Соавтор {index}, {CO_AUTHOR_SUMMARY_LABELS[name]}"
            items["co_authors"] += [{"href": "#" + bound.auto_id, "label": label, "message": str(e)} for e in errors]
    items["attachments"] += [{"href": "#id_attachments", "label": "Файлы", "message": e} for e in file_errors]
    return [item for key in items for item in items[key]]


def file_rows(files) -> list[dict]:
    from appeals_form import attachments

    rows = []
    for staged in files:
        ext = attachments.extension_of(staged.original_name)
        file_type = attachments.FILE_TYPES.get(ext)
        rows.append(
            {
                "id": attachments.staged_id(staged),
                "name": staged.original_name,
                "size": attachments.human_size(staged.size),
                "type": file_type.label if file_type else ext.upper(),
                "sent_name": staged.sent_name,
            }
        )
    return rows
