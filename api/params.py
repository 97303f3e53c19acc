"""Query parameters of the API: each parsed strictly, a bad value is a 400 in Russian naming the parameter."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings

from api.http import ApiError

MAX_TEXT_LENGTH = 200
#: The largest whole number any parameter takes (ids, offsets): every database's integer column holds it.
MAX_INTEGER = 2**31 - 1


def _one(request, name: str) -> str | None:
    values = request.GET.getlist(name)
    if not values:
        return None
    if len(values) > 1:
        raise ApiError(f"Параметр «{name}» указан несколько раз.", code="repeated", field=name)
    return values[0].strip()


def check_known(request, names: tuple[str, ...]) -> None:
    """An unknown parameter is an error, not silently ignored (a typo would return unfiltered data)."""
    for name in request.GET:
        if name not in names:
            known = ", ".join(names) or "нет"
            raise ApiError(
                f"Неизвестный параметр «{name[:40]}». Допустимые параметры: {known}.", code="unknown", field=name[:40]
            )


def date_param(request, name: str) -> date | None:
    raw = _one(request, name)
    if not raw:
        return None
    try:
        return date.fromisoformat(raw) if len(raw) == 10 else _invalid_date(name)
    except ValueError:
        _invalid_date(name)


def _invalid_date(name: str):
    raise ApiError(f"Дата в «{name}» указывается в виде ГГГГ-ММ-ДД, например 2026-03-31.", field=name)


def int_param(request, name: str, *, minimum: int = 0, maximum: int | None = None) -> int | None:
    raw = _one(request, name)
    if not raw:
        return None
    if not raw.isascii() or not raw.isdigit():
        raise ApiError(f"«{name}» — целое число цифрами, например 10.", field=name)
    maximum = MAX_INTEGER if maximum is None else maximum
    if len(raw.lstrip("0")) > len(str(maximum)) or not minimum <= int(raw) <= maximum:
        raise ApiError(f"«{name}» — число от {minimum} до {maximum}.", code="out_of_range", field=name)
    return int(raw)


def choice_param(request, name: str, choices: dict[str, str]) -> str:
    raw = _one(request, name)
    if not raw:
        return ""
    if raw not in choices:
        listed = ", ".join(choices)
        raise ApiError(f"Такого значения «{name}» нет. Допустимые значения: {listed}.", field=name)
    return raw


def text_param(request, name: str) -> str:
    raw = _one(request, name) or ""
    if len(raw) > MAX_TEXT_LENGTH:
        raise ApiError(f"«{name}» — не больше {MAX_TEXT_LENGTH} знаков.", code="too_long", field=name)
    return raw


def date_range(request, *, start: str = "date_from", end: str = "date_to") -> tuple[date | None, date | None]:
    first, last = date_param(request, start), date_param(request, end)
    if first and last and last < first:
        raise ApiError(f"«{end}» раньше «{start}»: период не может кончаться до начала.", code="range", field=end)
    return first, last


@dataclass(frozen=True)
class Window:
    limit: int
    offset: int

    def page(self, items: list, *, request, serialize) -> dict:
        """The envelope of a paginated list: count, limit, offset, next/previous links, results."""
        count = len(items)
        chosen = [serialize(item) for item in items[self.offset : self.offset + self.limit]]
        base_url = request.build_absolute_uri(request.path)

        def link(offset: int) -> str:
            query = request.GET.copy()
            query["offset"] = str(offset)
            query["limit"] = str(self.limit)
            return f"{base_url}?{query.urlencode()}"

        following = self.offset + self.limit
        return {
            "count": count,
            "limit": self.limit,
            "offset": self.offset,
            "next": link(following) if following < count else None,
            # Past the end, the previous page is the last one that has results.
            "previous": link(max(0, min(self.offset - self.limit, count - self.limit))) if self.offset > 0 else None,
            "results": chosen,
        }


PAGINATION = ("limit", "offset")


def window(request) -> Window:
    limit = int_param(request, "limit", minimum=1, maximum=settings.API_PAGE_SIZE_MAX)
    offset = int_param(request, "offset", minimum=0)
    return Window(limit=limit or settings.API_PAGE_SIZE, offset=offset or 0)
