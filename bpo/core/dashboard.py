"""The home page's numbers, per role, contributed by the lifecycle apps.

The contract (every function optional) - an app adds a module `<app>/dashboard.py` with:

- `tiles(user, audiences, programs) -> list[Tile]`: numbers for the staff home. `audiences`
  is the set of views this user gets (MANAGER, FINANCE, EXECUTIVE, MEMBER, see
  `audiences_for`); `programs` the queryset of programs the user may see (use it as a
  subquery, `program__in=programs.values("pk")`).
- `program_columns(user, audiences, program_ids) -> list[ProgramColumn]`: one figure per
  program for the "programs" table (a column is shown to MANAGER, FINANCE and EXECUTIVE).
- `panels(user, audiences, programs) -> list[ListPanel]`: a short list (for instance the top risks).
- `portal_tiles(user) -> list[Tile]`: numbers for the vendor portal's home (the vendor's own only).

Rules: every number comes from the model's `visible_to(user)` (so it never counts what the user
may not see) and links to the list behind it with the filter that gives the same rows; every
function runs a constant number of queries (grouped aggregates, never a query per program).
"""

from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import import_module
from importlib.util import find_spec

from django.utils.translation import gettext_lazy as _

from bpo.accounts.choices import ProgramRole, Role

from .context_processors import STAGE_ORDER

MANAGER, FINANCE, EXECUTIVE, MEMBER = "manager", "finance", "executive", "member"

# The sections of the staff home, in order, with their headings.
SECTIONS = {
    MANAGER: _("My programs at a glance"),
    FINANCE: _("Finance"),
    EXECUTIVE: _("Portfolio"),
    MEMBER: _("Open work"),
}


# Tiles by key in the order a section shows them (the numbers to act on first); others follow.
TILE_ORDER = [
    *(f"phase-{p}" for p in ("strategy", "sourcing", "contracting", "transition", "steady_state", "renewal_exit")),
    "gates-pending",
    "sla-breaches",
    "actions-overdue",
    "action-items-overdue",
    "risks-critical",
    "budget-burn",
    "invoices-submitted",
    "invoices-validated",
    "credits-provisional",
    "credits-pending",
    "contracts-active",
]


# The programs table's extra columns, in this order; others follow.
COLUMN_ORDER = ["next-gate", "sla-breaches", "actions-overdue", "action-items-overdue", "risks-critical", "budget-burn"]


def _rank(tile) -> tuple:
    return (TILE_ORDER.index(tile.key) if tile.key in TILE_ORDER else len(TILE_ORDER), 0)


@dataclass
class Tile:
    """One number on a home page: what it counts, the count, and the list that shows those rows."""

    label: str
    value: object
    url: str = ""
    note: str = ""  # a second line, e.g. "of 1,200,000 planned"
    tone: str = ""  # "", "warn" or "bad": draws the eye when the number needs action
    audience: str = MEMBER  # the section it belongs to
    key: str = ""  # a stable name for tests and the browser


@dataclass
class Cell:
    value: object
    url: str = ""
    tone: str = ""


@dataclass
class ProgramColumn:
    """One figure per program in the programs table: {program_id: Cell}."""

    label: str
    cells: dict = field(default_factory=dict)
    key: str = ""


@dataclass
class ListPanel:
    """A short list on the home page: rows of (text, url, note), and a link to the whole list."""

    title: str
    rows: list
    more_url: str = ""
    key: str = ""


def audiences_for(user) -> set[str]:
    """Which sections this staff user's home shows: by global role (administrators get finance
    and the portfolio), MANAGER for program staff who manage a program, MEMBER for other staff."""
    if user.is_administrator:
        return {FINANCE, EXECUTIVE}  # the portfolio and the money; a manager's numbers are in them
    if user.role == Role.FINANCE:
        return {FINANCE}
    if user.role == Role.EXECUTIVE:
        return {EXECUTIVE}
    if user.memberships.filter(role=ProgramRole.MANAGER).exists():
        return {MANAGER}
    return {MEMBER}


_page_memo: ContextVar[dict | None] = ContextVar("dashboard_page_memo", default=None)


@contextmanager
def one_page():
    """While one home page is computed, apps may share figures through `page_memo()` (for
    instance the budget burn of the tile and of the programs table), computed once."""
    token = _page_memo.set({})
    try:
        yield
    finally:
        _page_memo.reset(token)


def page_memo() -> dict | None:
    """The dict shared while one home page is computed, or None outside `one_page()`."""
    return _page_memo.get()


def _modules():
    for label in STAGE_ORDER:
        name = f"{label}.dashboard"
        if find_spec(name) is not None:
            yield import_module(name)


def staff_dashboard(user, programs) -> dict:
    """Tiles by section, program-table columns and list panels for the staff home."""
    audiences = audiences_for(user)
    tiles, panels = [], []
    for module in _modules():
        if hasattr(module, "tiles"):
            tiles += [t for t in module.tiles(user, audiences, programs) if t.audience in audiences]
        if hasattr(module, "panels"):
            panels += module.panels(user, audiences, programs)
    sections = [
        {"key": key, "title": title, "tiles": sorted((t for t in tiles if t.audience == key), key=_rank)}
        for key, title in SECTIONS.items()
        if key in audiences
    ]
    return {"audiences": audiences, "sections": [s for s in sections if s["tiles"]], "panels": panels}


def program_columns(user, audiences, program_ids) -> list[ProgramColumn]:
    """The extra columns of the programs table (none for a member without a managing role)."""
    if not program_ids or audiences == {MEMBER}:
        return []
    columns = []
    for module in _modules():
        if hasattr(module, "program_columns"):
            columns += module.program_columns(user, audiences, program_ids)
    return sorted(columns, key=lambda c: COLUMN_ORDER.index(c.key) if c.key in COLUMN_ORDER else len(COLUMN_ORDER))


def portal_dashboard(user) -> list[Tile]:
    """The vendor portal home's numbers (the vendor's own records only)."""
    tiles = []
    for module in _modules():
        if hasattr(module, "portal_tiles"):
            tiles += module.portal_tiles(user)
    return tiles


class _Request:
    """What a FilterSet needs of a request to build its choices: the user."""

    def __init__(self, user):
        self.user = user


@lru_cache(maxsize=256)
def _narrowed(filterset_class, names: frozenset):
    """The list's FilterSet with only the filters a tile sets: the same filtering, without
    copying every other filter and building its form field (most of a FilterSet's cost)."""
    unknown = names - set(filterset_class.base_filters)
    if unknown:  # a wrong parameter name is a bug in the tile: the list would ignore it
        raise ValueError(f"{filterset_class.__name__} has no filter {sorted(unknown)}")
    narrowed = type(filterset_class.__name__, (filterset_class,), {"__module__": filterset_class.__module__})
    narrowed.base_filters = {name: f for name, f in filterset_class.base_filters.items() if name in names}
    return narrowed


def filtered(filterset_class, queryset, params: dict, user):
    """The rows a list page shows for these query parameters (the list's own FilterSet)."""
    filterset_class = _narrowed(filterset_class, frozenset(params))
    filterset = filterset_class(data=params, queryset=queryset, request=_Request(user))
    if not filterset.is_valid():  # a wrong parameter name or value is a bug in the tile
        raise ValueError(f"{filterset_class.__name__}: {filterset.errors.as_json()}")
    return filterset.qs


def list_url(url_name: str, params: dict | None = None, args=None) -> str:
    """The URL of a list with its filter applied."""
    from urllib.parse import urlencode

    from django.urls import reverse

    memo = page_memo()
    key = ("url", url_name, tuple(args or ()))
    if memo is not None and key in memo:
        url = memo[key]
    else:
        url = reverse(url_name, args=args)
        if memo is not None:
            memo[key] = url
    return f"{url}?{urlencode(params)}" if params else url


def list_tile(label, *, url_name, filterset_class, queryset, params, user, audience, key="", **extra) -> Tile:
    """A tile counting exactly the rows that the list `url_name` shows with `params`."""
    count = filtered(filterset_class, queryset, params, user).count()
    return Tile(label, count, list_url(url_name, params), audience=audience, key=key, **extra)


def per_program(filterset_class, queryset, params: dict, user, program_ids, program_path="program") -> dict:
    """{program_id: count} of the list's rows for these parameters, grouped by program in one query."""
    from django.db.models import Count

    rows = (
        filtered(filterset_class, queryset, params, user)
        .filter(**{f"{program_path}__in": program_ids})
        .order_by()
        .values(program_path)
        .annotate(n=Count("pk"))
    )
    return {row[program_path]: row["n"] for row in rows}
