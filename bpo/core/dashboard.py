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
    note: str = ""  # a second line, e.g. "USD 96,000.00 of 1,200,000.00 planned"
    lines: list = field(default_factory=list)  # more lines under it, e.g. one per currency
    tone: str = ""  # "", "warn" or "bad": draws the eye when the number needs action
    audience: str = MEMBER  # the section it belongs to
    key: str = ""  # a stable name for tests and the browser
    alert: str = ""  # the tone once the count is known, when it is not zero (see `list_tile`)


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
    # (counts, program_ids, cell): cells made once a batch of counts is run (see `count_column`).
    later: tuple | None = None


@dataclass
class ListPanel:
    """A short list on the home page: rows of (text, url, note), and a link to the whole list."""

    title: str
    rows: list
    more_url: str = ""
    key: str = ""


def audiences_for(user, roles=None) -> set[str]:
    """Which sections this staff user's home shows: by global role (administrators get finance
    and the portfolio), MANAGER for program staff who manage a program, MEMBER for other staff.
    `roles`: the user's program roles (`user.memberships`) when the caller has read them already."""
    if user.is_administrator:
        return {FINANCE, EXECUTIVE}  # the portfolio and the money; a manager's numbers are in them
    if user.role == Role.FINANCE:
        return {FINANCE}
    if user.role == Role.EXECUTIVE:
        return {EXECUTIVE}
    if roles is not None:
        return {MANAGER} if ProgramRole.MANAGER in set(roles) else {MEMBER}
    if user.memberships.filter(role=ProgramRole.MANAGER).exists():
        return {MANAGER}
    return {MEMBER}


def visible_phases(programs) -> dict:
    """{program id: phase} of the programs the user may see: read once per home page (the view
    puts them in the page memo) and shared by the apps (the portfolio by phase, the burn's programs)."""
    memo = page_memo()
    if memo is not None and "programs" in memo:
        return memo["programs"]
    rows = list(programs.order_by().values_list("pk", "phase", "burn_stamp__token"))
    phases = {pk: phase for pk, phase, _token in rows}
    if memo is not None:
        memo["programs"] = phases
        # The programs' burn stamps, read in the same query: delivery's budget burn is kept under
        # them (delivery/burn_cache.py).
        memo["burn_tokens"] = {pk: token for pk, _phase, token in rows}
    return phases


_page_memo: ContextVar[dict | None] = ContextVar("dashboard_page_memo", default=None)


@contextmanager
def one_page():
    """While one home page is computed, apps may share figures through `page_memo()` (for
    instance the budget burn of the tile and of the programs table), computed once, and the
    counts asked with `count_later` / `count_by_later` are run together (`settle`)."""
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


def staff_dashboard(user, programs, *, audiences=None, settled=True) -> dict:
    """Tiles by section, program-table columns and list panels for the staff home.

    The tiles' counts are run together in one query (`settle`) before this returns, or, with
    `settled=False` inside `one_page()`, with the other counts of the page when it calls `settle()`."""
    if page_memo() is None:
        with one_page():
            return staff_dashboard(user, programs, audiences=audiences)
    audiences = audiences_for(user) if audiences is None else audiences
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
    page_memo().setdefault("tiles", []).extend(tiles)
    if settled:
        settle()
    return {"audiences": audiences, "sections": [s for s in sections if s["tiles"]], "panels": panels}


def program_columns(user, audiences, program_ids, *, settled=True) -> list[ProgramColumn]:
    """The extra columns of the programs table (none for a member without a managing role)."""
    if not program_ids or audiences == {MEMBER}:
        return []
    if page_memo() is None:
        with one_page():
            return program_columns(user, audiences, program_ids)
    columns = []
    for module in _modules():
        if hasattr(module, "program_columns"):
            columns += module.program_columns(user, audiences, program_ids)
    page_memo().setdefault("columns", []).extend(columns)
    if settled:
        settle()
    return sorted(columns, key=lambda c: COLUMN_ORDER.index(c.key) if c.key in COLUMN_ORDER else len(COLUMN_ORDER))


class Later:
    """A count (or counts by a column) asked now and run later with the page's other counts, in
    one query: `value` runs the batch if it has not run yet."""

    def __init__(self, queryset, by: str | None = None):
        self.queryset, self.by = queryset, by
        self._value, self.done = None, False

    @property
    def value(self):
        if not self.done:
            _run([self])
        return self._value

    def set(self, value):
        self._value, self.done = value, True


def count_later(queryset) -> Later:
    """The number of rows of `queryset` (as `.count()` gives it), run with the page's other counts."""
    return _enlist(Later(queryset))


def exists_later(queryset) -> Later:
    """1 if `queryset` has a row, else 0 (a COUNT over LIMIT 1), run with the page's other counts."""
    return count_later(queryset.order_by()[:1])


def count_by_later(queryset, by: str) -> Later:
    """{value of `by`: number of rows} of `queryset` (one GROUP BY), run with the page's other counts."""
    return _enlist(Later(queryset, by))


def _enlist(later: Later) -> Later:
    memo = page_memo()
    if memo is not None:
        memo.setdefault("counts", []).append(later)
    return later


def _run(batch: list) -> None:
    """Runs the counts of a batch in one statement per database: a UNION ALL of one COUNT(*)
    over each queryset (its rows as `.count()` counts them) and one GROUP BY per `count_by_later`
    (grouped by columns of one type: the union's column has one type)."""
    from django.core.exceptions import EmptyResultSet
    from django.db import connections
    from django.db.models import Count

    statements = {}  # (database, type of the grouping column or None): [(later, sql, params)]
    for later in batch:
        if later.done:
            continue
        connection = connections[later.queryset.db]
        kind = None
        try:
            if later.by is None:
                queryset = later.queryset if later.queryset.query.is_sliced else later.queryset.order_by()
                sql, params = queryset.values("pk").query.sql_with_params()
            else:
                grouped = later.queryset.order_by().values_list(later.by).annotate(n=Count("*"))
                sql, params = grouped.query.sql_with_params()
                kind = later.queryset.query.resolve_ref(later.by).output_field.cast_db_type(connection)
        except EmptyResultSet:  # .none() or `pk__in=[]`: nothing to count
            later.set(0 if later.by is None else {})
            continue
        statements.setdefault((later.queryset.db, kind), []).append((later, sql, params))
    # The plain counts go with the first grouped counts of their database (or alone).
    for (db, kind), items in list(statements.items()):
        if kind is None:
            grouped = [key for key in statements if key[0] == db and key[1] is not None]
            if grouped:
                statements[grouped[0]] = items + statements[grouped[0]]
                del statements[(db, kind)]
    for (db, kind), items in statements.items():
        none = f"CAST(NULL AS {kind})" if kind else "NULL"
        parts, params = [], []
        for i, (later, sql, p) in enumerate(items):
            if later.by is None:
                parts.append(f"SELECT {i} AS k, {none} AS g, COUNT(*) AS n FROM ({sql}) t{i}")
            else:
                parts.append(f"SELECT {i} AS k, t{i}.* FROM ({sql}) t{i}")
            params += list(p)
        results = [0 if later.by is None else {} for later, _sql, _p in items]
        with connections[db].cursor() as cursor:
            cursor.execute(" UNION ALL ".join(parts), params)
            for k, g, n in cursor.fetchall():
                if items[k][0].by is None:
                    results[k] = n
                else:
                    results[k][g] = n
        for (later, _sql, _p), value in zip(items, results, strict=True):
            later.set(value)


def run_counts(*laters: Later) -> None:
    """Runs these counts now, together (one query), for a panel that needs its numbers at once."""
    _run(list(laters))


def settle() -> None:
    """Runs the counts the page has asked for (one query), then puts them in its tiles and columns."""
    memo = page_memo()
    if memo is None:
        return
    batch, memo["counts"] = memo.get("counts", []), []
    _run(batch)
    for tile in memo.pop("tiles", []):
        if isinstance(tile.value, Later):
            tile.value = tile.value.value
        if tile.alert:
            tile.tone = tile.alert if tile.value else ""
    for column in memo.pop("columns", []):
        if column.later is not None:
            counts, program_ids, cell = column.later
            column.cells = {pk: cell(pk, counts.value.get(pk, 0)) for pk in program_ids}
            column.later = None


def count_column(label, counts: Later, program_ids, cell, key="") -> ProgramColumn:
    """A programs-table column of counts per program (`count_by_later`): `cell(pk, n)` makes each
    cell once the page's counts have run (`settle`)."""
    return ProgramColumn(label, {}, key=key, later=(counts, program_ids, cell))


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
    """A tile counting exactly the rows that the list `url_name` shows with `params`. The count
    runs with the page's other counts (`settle`, which `staff_dashboard` calls); `alert="bad"`
    gives the tile that tone when the count is not zero."""
    count = count_later(filtered(filterset_class, queryset, params, user))
    return Tile(label, count, list_url(url_name, params), audience=audience, key=key, **extra)


def per_program(filterset_class, queryset, params: dict, user, program_ids, program_path="program") -> Later:
    """{program_id: count} of the list's rows for these parameters, grouped by program, run with
    the page's other counts (`count_by_later`: its `value` is the dict; see `count_column`)."""
    rows = filtered(filterset_class, queryset, params, user).filter(**{f"{program_path}__in": program_ids})
    return count_by_later(rows, program_path)
