"""The status filter of the portal lists: `?status=` narrows a list (already scoped to the
vendor's own records) to one status, or to a named group of statuses (the invoices waiting for
approval). The page and its CSV/XLSX export read the same narrowed rows; an unknown status
shows an error and no rows, never the whole list."""

from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils.translation import gettext as _


@dataclass
class StatusFilter:
    value: str = ""  # the status asked for ("" = every status)
    options: list = field(default_factory=list)  # (value, label) of the select, groups first
    error: str = ""


def filter_by_status(request, rows: QuerySet, choices, groups: dict | None = None) -> tuple[QuerySet, StatusFilter]:
    """The rows of the status in `?status=`, and what the page's select needs.

    `choices` is the model's TextChoices, or the members of it the list offers (a status the
    vendor never sees is then unknown too); `groups` maps a value to (label, statuses)."""
    groups = groups or {}
    value = request.GET.get("status", "").strip()
    options = [(key, label) for key, (label, _statuses) in groups.items()]
    options += [(choice.value, choice.label) for choice in choices]
    state = StatusFilter(value=value, options=options)
    if not value:
        return rows, state
    if value in groups:
        return rows.filter(status__in=groups[value][1]), state
    if value in {choice.value for choice in choices}:
        return rows.filter(status=value), state
    state.error = _("“%(status)s” is not a status of this list; choose one from the list.") % {"status": value}
    return rows.none(), state
