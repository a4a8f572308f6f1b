"""The computed home page (`?refresh=1`) in a bounded number of queries: the tiles' and the programs
table's counts run together in one query (bpo.core.dashboard count_later / settle), the visible
programs are read once, the budget burn is one query; and the figures are the ones the plain
queries give."""

from decimal import Decimal

import pytest
from django.db import connection
from django.db.models import Count, Sum
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from bpo.core.dashboard import (
    MANAGER,
    count_by_later,
    count_later,
    exists_later,
    one_page,
    program_columns,
    run_counts,
    settle,
    staff_dashboard,
)
from contracts.models import Contract
from delivery.dashboard import burn
from delivery.models import ActionItem, CostEntry, Invoice
from performance.dashboard import breaches_this_month
from performance.models import Result
from risk.models import CorrectiveAction, Incident, Risk
from risk.selectors import level_counts
from strategy.models import BudgetLine, Program
from tests.core.test_dashboards import world
from tests.factories import MembershipFactory, ProgramFactory, UserFactory

D = Decimal

# The computed home's queries on the test database (SQLite): the session and the user, the listed
# programs, the user's roles, the visible programs, the budget burn, the top risks, one query for
# every count of the tiles and the programs table, then the apps' panels and the notifications;
# and the time zones programs use, once (overdue is before today in each program's zone).
# A tile or a column that counts per row or per program breaks the second assertion below.
CEILING = {"manager": 21, "admin": 25}


def _computed_home_queries(client, user):
    client.force_login(user)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("core:home") + "?refresh=1").status_code == 200
    return [q["sql"] for q in ctx.captured_queries]


@pytest.mark.parametrize("role", ["manager", "admin"])
def test_the_computed_home_runs_a_bounded_number_of_queries(cast, client, role):
    world(cast, cast.program_a)
    user = getattr(cast, role)
    one = _computed_home_queries(client, user)
    assert len(one) <= CEILING[role], "\n".join(one)
    for i in range(3):
        program = ProgramFactory(code=f"PQ{i}")
        MembershipFactory(user=cast.manager, program=program, role="manager")
        world(cast, program, suffix=str(i))
    many = _computed_home_queries(client, user)
    assert len(many) == len(one), f"{role}: {len(one)} queries with one program, {len(many)} with four"
    # every plain count of the tiles and columns is in the one batched statement
    assert sum("UNION ALL" in sql and "COUNT(*) AS n" in sql for sql in many) >= 1
    assert not [sql for sql in many if sql.startswith('SELECT COUNT(*) AS "__count" FROM "risk_risk"')]


@pytest.fixture
def both(cast):
    world(cast, cast.program_a)
    world(cast, cast.program_b, vendor=cast.vendor_y)
    return cast


def test_batched_counts_are_the_plain_counts(both):
    manager = both.manager
    querysets = [
        Contract.objects.visible_to(manager),  # DISTINCT over memberships
        Risk.objects.visible_to(manager).filter(residual_level="critical"),
        Risk.objects.all(),
        Result.objects.none(),
        Program.objects.filter(pk__in=[]),
        Risk.objects.filter(title="Critical one")[:1],  # exists_later
        Risk.objects.filter(title="nothing")[:1],
        breaches_this_month(Result.objects.visible_to(both.admin)),
    ]
    grouped = [
        (Risk.objects.all(), "program"),
        (Risk.objects.visible_to(manager), "residual_level"),
        (breaches_this_month(Result.objects.all()), "period__contract__program_id"),
    ]
    counts = [count_later(qs) for qs in querysets]
    groups = [count_by_later(qs, by) for qs, by in grouped]
    with CaptureQueriesContext(connection) as ctx:
        run_counts(*counts, *groups)
    assert len(ctx.captured_queries) == 2  # the plain counts join the first type of grouping column
    assert [c.value for c in counts] == [qs.count() for qs in querysets]
    for later, (qs, by) in zip(groups, grouped, strict=True):
        assert later.value == dict(qs.order_by().values_list(by).annotate(n=Count("pk")))
    assert [c.value for c in counts[5:7]] == [1, 0]  # a LIMIT 1 subquery counts at most one
    assert exists_later(Risk.objects.filter(title="Critical one")).value == 1
    assert exists_later(Risk.objects.filter(title="nothing")).value == 0
    assert counts[1].value == 1 and groups[0].value == {both.program_a.pk: 2, both.program_b.pk: 2}
    # inside a page, counts wait for settle() and then run together
    with one_page():
        a, b = count_later(Risk.objects.all()), count_later(CorrectiveAction.objects.all())
        assert not a.done and not b.done
        with CaptureQueriesContext(connection) as ctx:
            settle()
        assert len(ctx.captured_queries) == 1 and (a.value, b.value) == (4, 6)


def test_the_home_figures_are_the_plain_queries(both):
    """Tiles, programs-table columns, the budget burn and the risk panel against plain queries."""
    today = timezone.localdate()
    CostEntry.objects.create(
        program=both.program_a,
        category="other",
        description="Extra",
        period=today.replace(day=1),
        amount=D("50"),
        created_by=both.manager,
    )
    BudgetLine.objects.create(program=both.program_b, category="other", period=f"{today.year}", planned_amount=D("3"))
    manager = both.manager
    programs = Program.objects.visible_to(manager)
    data = staff_dashboard(manager, programs)
    tiles = {t.key: t for s in data["sections"] for t in s["tiles"]}
    assert (
        tiles["risks-critical"].value
        == Risk.objects.visible_to(manager).filter(status="open", residual_level="critical").count()
    )
    assert (
        tiles["actions-overdue"].value
        == CorrectiveAction.objects.visible_to(manager)
        .filter(due_date__lt=today, status__in=["open", "in_progress"])
        .count()
    )
    assert tiles["contracts-active"].value == Contract.objects.visible_to(manager).filter(status="active").count()
    assert tiles["sla-breaches"].value == 1 and tiles["sla-breaches"].tone == "bad"
    assert tiles["action-items-overdue"].value == 1 and tiles["action-items-overdue"].tone == "bad"
    assert tiles["gates-pending"].value == 1
    assert tiles["budget-burn"].value == "85%"  # (800 + 50) of 1000

    ids = [both.program_a.pk, both.program_b.pk]
    columns = {c.key: c.cells for c in program_columns(both.admin, {"executive", "finance"}, ids)}
    critical = dict(
        Risk.objects.filter(status="open", residual_level="critical")
        .values_list("program")
        .annotate(n=Count("pk"))
        .order_by()
    )
    assert {pk: cell.value for pk, cell in columns["risks-critical"].items()} == {pk: critical[pk] for pk in ids}
    assert {pk: cell.value for pk, cell in columns["actions-overdue"].items()} == {
        both.program_a.pk: 1,
        both.program_b.pk: 1,
    }
    assert {pk: cell.value for pk, cell in columns["sla-breaches"].items()} == {
        both.program_a.pk: 1,
        both.program_b.pk: 1,
    }
    late = ActionItem.objects.filter(status="open", due_date__lt=today)
    assert {pk: c.value for pk, c in columns["action-items-overdue"].items()} == {
        pk: late.filter(program_id=pk).count() for pk in ids
    }
    assert {pk: c.value for pk, c in columns["budget-burn"].items()} == {
        both.program_a.pk: "85%",
        both.program_b.pk: "80%",
    }
    assert {pk: c.value for pk, c in columns["next-gate"].items()} == {pk: "Sourcing" for pk in ids}

    figures = burn(ids)
    for pk in ids:
        planned = BudgetLine.objects.filter(program_id=pk).aggregate(s=Sum("planned_amount"))["s"]
        approved = Invoice.objects.filter(contract__program_id=pk, status="approved").aggregate(s=Sum("net_amount"))
        entries = CostEntry.objects.filter(program_id=pk).aggregate(s=Sum("amount"))["s"] or D("0")
        committed = Invoice.objects.filter(contract__program_id=pk, status__in=["submitted", "validated"]).aggregate(
            s=Sum("gross_amount")
        )["s"]
        assert figures[pk]["planned"] == planned
        assert figures[pk]["actual"] == approved["s"] + entries
        assert figures[pk]["committed"] == committed == D("200")
    assert figures[both.program_b.pk]["planned"] == D("1003")
    assert burn([]) == {}

    # the risk panel of the home page: the plain queries' figures, and no panel without risks
    from django.apps import apps

    risk_panel = apps.get_app_config("risk").home_context
    panel = risk_panel(manager)
    risks = Risk.objects.visible_to(manager)
    assert panel["risk_counts"] == level_counts(risks) and panel["risk_counts"]["critical"] == 1
    assert panel["risk_overdue"] == risks.review_overdue().count()
    assert panel["open_incidents"] == Incident.objects.visible_to(manager).filter(status="open").count()
    actions = CorrectiveAction.objects.visible_to(manager)
    assert (panel["actions_proposed"], panel["actions_to_verify"]) == (
        actions.filter(status="proposed").count(),
        actions.filter(status="done").count(),
    )
    assert risk_panel(UserFactory(username="nobody")) is None
    assert data["audiences"] == {MANAGER}


# The programs table's rows as templates/core/_home_top.html printed them before they were
# printed in Python (bpo.core.views.program_rows_html).
ROWS_TEMPLATE = (
    "{% for row in programs %}\n"
    '        <tr><td><a href="{{ row.program.get_absolute_url }}">{{ row.program }}</a></td>'
    "<td>{{ row.program.get_phase_display }}</td><td>{{ row.program.get_status_display }}</td>"
    '{% if not user.reads_all_programs %}<td>{{ row.my_role|default:"" }}</td>{% endif %}'
    '{% for cell in row.cells %}<td class="figure{% if cell.tone %} tone-{{ cell.tone }}{% endif %}">'
    '{% if cell %}{% if cell.url %}<a href="{{ cell.url }}">{{ cell.value }}</a>{% else %}{{ cell.value }}'
    "{% endif %}{% endif %}</td>{% endfor %}</tr>\n"
    "      {% endfor %}"
)


@pytest.mark.parametrize("language", ["en", "zh-hans"])
@pytest.mark.parametrize("role", ["manager", "admin"])
def test_the_programs_rows_print_as_the_template_did(both, language, role):
    from django.template import Context, Template
    from django.utils import translation

    from bpo.accounts.choices import ProgramRole
    from bpo.core.dashboard import Cell, audiences_for
    from bpo.core.views import program_rows_html

    user = getattr(both, role)
    both.program_a.name = 'Ops <"A"> & co'
    both.program_a.save()
    with translation.override(language):
        listed = list(Program.objects.visible_to(user).order_by("code"))
        ids = [p.pk for p in listed]
        columns = program_columns(user, audiences_for(user), ids)
        roles = dict(user.memberships.values_list("program_id", "role"))
        rows = [
            {
                "program": p,
                "my_role": ProgramRole(roles[p.pk]).label if p.pk in roles else None,
                "cells": [
                    *(column.cells.get(p.pk) for column in columns),
                    None,
                    Cell(12345),
                    Cell("<b>", "/x?a=1&b=2", "warn"),
                ],
            }
            for p in listed
        ]
        expected = Template(ROWS_TEMPLATE).render(Context({"programs": rows, "user": user}))
        printed = program_rows_html(rows, show_role=not user.reads_all_programs)
    assert printed == expected
    assert "&lt;b&gt;" in printed and "a=1&amp;b=2" in printed and "Ops &lt;&quot;A&quot;&gt; &amp; co" in printed
