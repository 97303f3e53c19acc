"""The reply e-mail address: checked and brought to one form.

59-ФЗ (as amended): the answer to an electronic appeal goes to an address in
the Russian national zones, ``settings.APPEALS_EMAIL_ZONES`` (ru, рф, su).

Normal form (the one stored and compared):

- the local part (before "@") is kept as typed (local parts may be
  case-sensitive); it must be ASCII: see "One rule for Cyrillic local parts";
- the domain is lowercase **Unicode**: ``ИВАНОВ@Пример.РФ`` and
  ``ivanov@xn--e1afmkfd.xn--p1ai`` both give a domain ``пример.рф``. Staff read
  the address as residents typed it; Django's mail code converts the domain
  back to punycode when sending.

Only a bare address is accepted: no display name, no angle brackets, no quoted
local part, no comments, no IP-literal domain, no whitespace or control
characters, at most 254 characters (RFC 5321, counted with the domain in its
ASCII form), at most 64 in the local part.

One rule for Cyrillic local parts (``пример@почта.рф``): refused, everywhere an
address is typed (identification, status lookup, sign-up, co-authors), with
the reason in Russian. Such an address needs SMTPUTF8 (RFC 6531) on every hop:
Django's SMTP backend writes a non-ASCII local part as an RFC 2047 encoded word,
which is a different, undeliverable address, and many relays refuse SMTPUTF8.
The resident would wait for an answer that never arrives; saying so while they
type lets them give an address that works. Cyrillic domains (``ivanov@пример.рф``)
are fine: the domain travels as punycode. All forms use
``identity.forms.ReplyEmailField``, which calls ``normalize_reply_email``.
"""

import re
import unicodedata

from django.conf import settings
from django.core.exceptions import ValidationError

MAX_LENGTH = 254
LOCAL_MAX_LENGTH = 64
DOMAIN_MAX_LENGTH = 253
LABEL_MAX_LENGTH = 63

MSG_EMPTY = "Укажите адрес электронной почты."
MSG_CONTROL = "Адрес содержит недопустимые (невидимые или управляющие) символы. Наберите его заново."
MSG_WHITESPACE = "Адрес не должен содержать пробелов."
MSG_DISPLAY_NAME = "Укажите только сам адрес, без имени, кавычек и угловых скобок, например ivanov@mail.ru."
MSG_AT = "В адресе должен быть один знак «@», например ivanov@mail.ru."
# The Russian keyboard has the comma where a resident looks for the full stop («mail,ru»).
MSG_COMMA = "В адресе запятая вместо точки: проверьте часть после «@», например ivanov@mail.ru."
MSG_LOCAL = "Часть адреса до знака «@» указана неверно."
MSG_LOCAL_NON_ASCII = (
    "Часть адреса до знака «@» должна быть набрана латинскими буквами: письма на адреса с русскими буквами "
    "до «@» многие почтовые серверы не доставляют, и ответ может не дойти. Русский домен после «@» можно, "
    "например ivanov@пример.рф."
)
MSG_DOMAIN = "Часть адреса после знака «@» (домен) указана неверно."
MSG_NO_DOT = "После знака «@» укажите домен с зоной, например mail.ru."
MSG_TOO_LONG = f"Адрес слишком длинный: допускается не более {MAX_LENGTH} символов."
# The zone rule's message names what the address is for ({zones}: ``zones_text()``, the one list of zones):
# an appeal's answer by default; a form for something else passes its own (``zone_message``).
MSG_ZONE = "Ответ на обращение может быть направлен только на адрес в доменных зонах {zones}. Укажите другой адрес."

# Characters allowed unquoted in a local part (RFC 5322 atext); no non-ASCII
# (see the module docstring).
_ATEXT_ASCII = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+/=?^_`{|}~-")
_DISPLAY_NAME_CHARS = set('<>"(),;:\\')
_ASCII_LABEL_RE = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")


def _invalid(message: str, code: str) -> ValidationError:
    return ValidationError(message, code=code)


def _check_local(local: str) -> None:
    if any(ord(char) > 127 and unicodedata.category(char)[0] in "LNM" for char in local):
        raise _invalid(MSG_LOCAL_NON_ASCII, "local_non_ascii")
    if not local or len(local.encode("utf-8")) > LOCAL_MAX_LENGTH:
        raise _invalid(MSG_LOCAL, "local")
    if local.startswith(".") or local.endswith(".") or ".." in local:
        raise _invalid(MSG_LOCAL, "local")
    for char in local:
        if char == "." or char in _ATEXT_ASCII:
            continue
        raise _invalid(MSG_LOCAL, "local")


def _to_ascii_label(label: str) -> str:
    """One domain label in its ASCII (punycode) form, lowercase."""
    if label.isascii():
        ascii_label = label.lower()
        if ascii_label.startswith("xn--"):
            # Must be valid punycode; decoding proves it.
            try:
                ascii_label.encode("ascii").decode("idna")
            except UnicodeError as exc:
                raise _invalid(MSG_DOMAIN, "domain") from exc
    else:
        try:
            ascii_label = label.encode("idna").decode("ascii")
        except UnicodeError as exc:
            raise _invalid(MSG_DOMAIN, "domain") from exc
    if not _ASCII_LABEL_RE.match(ascii_label):
        raise _invalid(MSG_DOMAIN, "domain")
    return ascii_label


def _to_unicode_label(ascii_label: str) -> str:
    if ascii_label.startswith("xn--"):
        return ascii_label.encode("ascii").decode("idna")
    return ascii_label


def _normalise_zone(zone: str) -> str:
    zone = zone.strip().lstrip(".").lower()
    return _to_unicode_label(zone) if zone.isascii() else zone


def allowed_zones() -> list[str]:
    """The allowed top-level zones, lowercase Unicode (e.g. ["ru", "рф", "su"])."""
    return [_normalise_zone(zone) for zone in settings.APPEALS_EMAIL_ZONES]


def zones_text() -> str:
    """The allowed zones for messages: ".ru, .рф, .su"."""
    return ", ".join(f".{zone}" for zone in allowed_zones())


def _comma_for_a_dot(value: str) -> bool:
    """One address whose domain has a comma where its dots go: «ivanov@mail,ru», not a list of addresses."""
    if value.count("@") != 1 or any(char.isspace() for char in value):
        return False
    domain = value.split("@")[1]
    between_labels = "," in domain and not domain.startswith(",") and not domain.endswith(",")
    return between_labels and not _DISPLAY_NAME_CHARS.intersection(value.replace(",", ""))


def normalize_reply_email(value: str, *, zone_message: str = MSG_ZONE) -> str:
    """Check a reply address and return it in normal form (see the module docstring).

    Raises ``ValidationError`` with a Russian message and a ``code``: ``empty``,
    ``control``, ``comma``, ``whitespace``, ``display_name``, ``at``, ``local``, ``local_non_ascii``,
    ``domain``, ``no_dot``, ``too_long`` or ``zone``. ``zone_message`` is the message of
    ``zone``, with ``{zones}`` for the allowed zones: what the address is used for
    (a sign-up's confirmation is not an answer to an appeal).
    """
    if not isinstance(value, str):
        raise _invalid(MSG_EMPTY, "empty")
    value = unicodedata.normalize("NFC", value.strip())
    if not value:
        raise _invalid(MSG_EMPTY, "empty")
    for char in value:
        category = unicodedata.category(char)
        if char == "\x00" or category in {"Cc", "Cf", "Cs", "Co", "Cn"}:
            raise _invalid(MSG_CONTROL, "control")
    if _comma_for_a_dot(value):
        raise _invalid(MSG_COMMA, "comma")
    if _DISPLAY_NAME_CHARS.intersection(value):
        raise _invalid(MSG_DISPLAY_NAME, "display_name")
    if any(char.isspace() for char in value):
        raise _invalid(MSG_WHITESPACE, "whitespace")
    if len(value) > MAX_LENGTH:
        raise _invalid(MSG_TOO_LONG, "too_long")
    if value.count("@") != 1:
        raise _invalid(MSG_AT, "at")

    local, domain = value.split("@")
    _check_local(local)

    if not domain:
        raise _invalid(MSG_DOMAIN, "domain")
    if "." not in domain:
        raise _invalid(MSG_NO_DOT, "no_dot")
    labels = domain.split(".")
    if any(not label for label in labels):
        raise _invalid(MSG_DOMAIN, "domain")
    ascii_labels = [_to_ascii_label(label) for label in labels]
    ascii_domain = ".".join(ascii_labels)
    if len(ascii_domain) > DOMAIN_MAX_LENGTH:
        raise _invalid(MSG_TOO_LONG, "too_long")
    if len(local.encode("utf-8")) + 1 + len(ascii_domain) > MAX_LENGTH:
        raise _invalid(MSG_TOO_LONG, "too_long")
    if ascii_labels[-1].isdigit():
        raise _invalid(MSG_DOMAIN, "domain")

    unicode_domain = ".".join(_to_unicode_label(label) for label in ascii_labels)
    zones = allowed_zones()
    if unicode_domain.rsplit(".", 1)[-1] not in zones:
        raise _invalid(zone_message.format(zones=zones_text()), "zone")
    return f"{local}@{unicode_domain}"


def email_key(email: str) -> str:
    """The address as a key for look-ups of this very address: case-insensitive."""
    return email.casefold()


# Domains of one mail service that deliver to the same mailbox (Yandex: any of them, and «.» or «-» in the login).
_YANDEX_DOMAINS = frozenset({"yandex.ru", "ya.ru", "narod.ru", "yandex.com", "yandex.by", "yandex.kz", "yandex.ua"})


def mailbox_key(email: str) -> str:
    """The mailbox an address delivers to, as a key for per-mailbox limits only (never to send to).

    Case-insensitive, without a «+tag» (``ivanov+1@yandex.ru`` reaches ``ivanov@yandex.ru``: Yandex, Mail.ru's
    business mail, Gmail and most corporate servers deliver sub-addresses to the same box), and Yandex's
    aliases folded (``i.ivanov@ya.ru`` is ``i-ivanov@yandex.ru``). Over-folding an address of a server that has
    no sub-addresses only makes its limit stricter; under-folding let one mailbox get a code per alias.
    """
    local, _, domain = email.casefold().rpartition("@")
    if not local:
        return email.casefold()
    local = local.split("+", 1)[0] or local
    if domain in _YANDEX_DOMAINS:
        domain = "yandex.ru"
        local = local.replace(".", "-")
    return f"{local}@{domain}"
