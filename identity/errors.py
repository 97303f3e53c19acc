"""What can go wrong in identification, each with the Russian message shown to the resident."""

from datetime import datetime

from home.posted import WAIT
from home.textformat import MINUTES, plural, wait_message


class IdentificationError(Exception):
    """Base class: ``message`` is shown to the resident as is."""

    code = "error"

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class RateLimited(IdentificationError):
    code = "rate_limited"

    # Whose requests ran out: ``_hit``'s scope in identity.services.
    ADDRESS = "address"
    NETWORK = "network"

    def __init__(
        self,
        *,
        retry_after: int,
        now: datetime | None = None,
        interval: bool = False,
        limited: str = ADDRESS,
        other_method: str = "",
    ):
        self.retry_after = retry_after
        if interval:
            template = f"Код уже отправлен. Новый код можно запросить {WAIT}."
        else:
            whose = "для этого адреса" if limited == self.ADDRESS else "с этого устройства или из этой сети"
            template = f"Слишком много запросов кода подтверждения {whose}. Повторите попытку {WAIT}"
            # Another way only where the site has one (an OpenID Connect provider).
            template += f" или войдите через {other_method}." if other_method else "."
        # ``template`` is kept by the refused form (home.posted), which says the time still left at each GET.
        self.template = template
        message = template.replace(WAIT, wait_message(retry_after, now=now))
        super().__init__(message)


class CodeNotFound(IdentificationError):
    code = "not_found"

    def __init__(self):
        super().__init__(
            "Этот код больше не действует: он уже использован или вместо него отправлен новый. Запросите код ещё раз."
        )


class CodeExpired(IdentificationError):
    code = "expired"

    def __init__(self, *, ttl_minutes: int):
        minutes = f"{ttl_minutes} {plural(ttl_minutes, *MINUTES)}"
        super().__init__(f"Срок действия кода истёк (код действует {minutes}). Запросите новый код.")


class TooManyTries(IdentificationError):
    code = "too_many_tries"

    def __init__(self, *, max_tries: int):
        times = plural(max_tries, "раз", "раза", "раз")
        super().__init__(f"Код введён неверно {max_tries} {times}, он больше не действует. Запросите новый код.")


class WrongCode(IdentificationError):
    code = "wrong_code"

    def __init__(self, *, tries_left: int):
        self.tries_left = tries_left
        left = plural(tries_left, "Осталась", "Осталось", "Осталось")
        tries = plural(tries_left, "попытка", "попытки", "попыток")
        super().__init__(f"Неверный код. {left} {tries_left} {tries}.")


class OidcError(IdentificationError):
    """The provider's answer cannot be used (cancelled, unverifiable, unsuitable)."""

    code = "oidc"

    def __init__(self, message: str, *, status: int = 200, offer_email_code: bool = True):
        super().__init__(message)
        self.status = status
        self.offer_email_code = offer_email_code
