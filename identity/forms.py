"""Forms of identification: the reply address (+ captcha) and the code."""

import re

from django import forms

from home.formrender import PublicForm

from .captcha import CaptchaField, captcha_enabled
from .validators import MSG_ZONE, normalize_reply_email

CODE_RE = re.compile(r"^[0-9]{6}$")
MSG_CODE_FORMAT = "Введите 6 цифр кода из письма."
MSG_CODE_EMPTY = "Введите код из письма."
MSG_EMAIL_EMPTY = "Укажите адрес электронной почты."


class ReplyEmailField(forms.CharField):
    """A reply e-mail address, typed by a resident: the one rule of the whole site.

    Identification, the status lookup, the sign-up and the co-authors all use
    this field, so an address accepted in one place is accepted in every other
    (``identity.validators.normalize_reply_email``: zones .ru/.рф/.su, no
    Cyrillic before «@»). The cleaned value is the normal form. No ``maxlength``
    on the input: the browser would cut a pasted address silently; the server
    says what is wrong. A text input with ``inputmode="email"`` (the phone's
    e-mail keyboard), not ``type="email"``: Chromium turns a Cyrillic domain
    into punycode in such an input, and the resident would see ``xn--`` back.

    ``zone_message`` says what an address outside the zones cannot be used for
    (``identity.validators.MSG_ZONE``, the answer to an appeal, by default).
    """

    def __init__(self, *, zone_message: str = MSG_ZONE, **kwargs):
        self.zone_message = zone_message
        kwargs.setdefault("error_messages", {}).setdefault("required", MSG_EMAIL_EMPTY)
        attrs = {"inputmode": "email", "autocomplete": "email", "spellcheck": "false", "autocapitalize": "none"}
        attrs.update(kwargs.pop("attrs", {}))
        kwargs.setdefault("widget", forms.TextInput(attrs=attrs))
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        return normalize_reply_email(value, zone_message=self.zone_message) if value else value


class EmailCodeRequestForm(PublicForm):
    email = ReplyEmailField(label="Адрес электронной почты для ответа")
    next = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, remote_ip: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if captcha_enabled():
            self.fields["captcha"] = CaptchaField(remote_ip=remote_ip)

    @property
    def typed_email(self) -> str:
        """What the resident typed, to show it back on any error."""
        if self.is_bound:
            return self.data.get("email", "")
        return self.initial.get("email", "")


class CodeForm(PublicForm):
    code = forms.CharField(
        label="Код из письма",
        max_length=32,
        error_messages={"required": MSG_CODE_EMPTY, "max_length": MSG_CODE_FORMAT},
    )

    def clean_code(self) -> str:
        # People copy "123 456" or "123-456" from the mail.
        code = re.sub(r"[\s\-]", "", self.cleaned_data["code"])
        if not CODE_RE.match(code):
            raise forms.ValidationError(MSG_CODE_FORMAT, code="format")
        return code
