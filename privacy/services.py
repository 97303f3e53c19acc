"""Recording exports of personal data."""

from django.contrib.auth.models import AbstractBaseUser
from django.http import QueryDict

from privacy.models import PersonalDataExport

# Parameters of a listing URL that say nothing about which rows were exported.
_NOT_A_FILTER = frozenset({"export", "p", "page", "ordering", "csv_separator", "_w_filter_fragment"})
MAX_QUERY_VALUE = 200


def query_of(params: QueryDict) -> dict[str, list[str]]:
    """The filter and search of a listing request, as recorded with its export."""
    return {
        key: [value[:MAX_QUERY_VALUE] for value in params.getlist(key)]
        for key in sorted(params)
        if key not in _NOT_A_FILTER and any(params.getlist(key))
    }


def record_export(
    *, dataset: str, actor: AbstractBaseUser, export_format: str, query: dict[str, list[str]], rows: int
) -> PersonalDataExport:
    """One record for one export, whatever the number of rows."""
    return PersonalDataExport.objects.create(
        dataset=dataset,
        actor=actor,
        actor_username=actor.get_username(),
        export_format=export_format,
        query=query,
        rows=rows,
    )
