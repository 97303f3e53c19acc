"""Forms of identification: the reply address (+ captcha) and the code."""

import re

from django import forms

from home.formrender import PublicForm

from .captcha import CaptchaField, captcha_enabled
from .validators import normalize_reply_email

CODE_RE = re.compile(r"^[0-9]{6}$")
MSG_CODE_FORMAT = "Введите 6 цифр кода из письма."
MSG_CODE_EMPTY = "Введите код из письма."


class EmailCodeRequestForm(PublicForm):
    email = forms.CharField(
        label="Адрес электронной почты для ответа",
        error_messages={"required": "Укажите адрес электронной почты."},
    )
    next = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, remote_ip: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if captcha_enabled():
            self.fields["captcha"] = CaptchaField(remote_ip=remote_ip)

    def clean_email(self) -> str:
        return normalize_reply_email(self.cleaned_data["email"])

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
