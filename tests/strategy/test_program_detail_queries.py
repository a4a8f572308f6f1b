"""The program page reads a fixed number of queries whatever the size of the charter, and the
gates it shows from the program's Exists() annotations are the gates the services compute."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from bpo.accounts.choices import ProgramRole
from strategy.models import (
    BudgetLine,
    CharterRevision,
    Milestone,
    Objective,
    Program,
    ResourceAllocation,
    ScopeItem,
    Stakeholder,
)
from strategy.services import gate_checklist
from strategy.services.gates import with_gate_readiness
from tests.factories import MembershipFactory, UserFactory

# The session, the user, the program (with can_edit and the gates' Exists()), the history (its
# entries with their content type; the program was created without related records), the
# team, the seven charter sections (objectives, budget, scope, milestones, stakeholders,
# resources, revisions), the passed gates, the sourcing events, the bell's unread count and the
# lessons panel's lessons with their total (may this user record one and the open initiatives
# are read with the program).
PAGE_QUERIES = 16
# The names of the waiting risks, read only when the program has some.
RISK_NAMES = 1
# The users the history's changes name (a sponsor set), one query for all of them.
HISTORY_USERS = 1


def _charter_rows(cast, n, start=0):
    """`n` rows in every section of the charter, the team, the revisions and the sourcing events."""
    from vendors.models import SourcingEvent

    program = cast.program_a
    for i in range(start, start + n):
        # One more entry in its history, naming a user (read with the others named, at once).
        program.name, program.sponsor = f"Program A, change {i}", (cast.executive, None)[i % 2]
        program.save(update_fields=["name", "sponsor"])
        Objective.objects.create(
            program=program,
            statement=f"Goal {i}",
            kpi="Cost per call",
            unit="USD",
            baseline=Decimal("5"),
            target=Decimal("3.5"),
            target_date=date(2027, 6, 30),
            method="Finance report",
            owner=cast.manager,
        )
        ScopeItem.objects.create(program=program, process=f"Process {i}", in_scope=i % 2 == 0, current_fte=Decimal("2"))
        BudgetLine.objects.create(
            program=program,
            category="transition",
            period=str(2030 + i),
            planned_amount=Decimal("1000"),
            approved_by=cast.finance,
            approved_at=timezone.now(),
        )
        Milestone.objects.create(
            program=program, name=f"Milestone {i}", phase="sourcing", baseline_date=date(2027, 1, 1)
        )
        Stakeholder.objects.create(program=program, name=f"Person {i}", title="Head", influence="high", interest="high")
        ResourceAllocation.objects.create(
            program=program, team=f"Team {i}", role="Lead", fte=Decimal("1"), start_date=date(2027, 1, 1)
        )
        CharterRevision.objects.create(
            program=program,
            number=100 + i,
            snapshot={},
            approved_by=cast.executive,
            approved_at=timezone.now(),
        )
        MembershipFactory(user=UserFactory(username=f"member-{i}"), program=program, role=ProgramRole.VIEWER)
        now = timezone.now()
        SourcingEvent.objects.create(
            program=program,
            kind="rfp",
            title=f"RFP {i}",
            status="published",
            published_at=now,
            questions_deadline=now + timedelta(days=5),
            submission_deadline=now + timedelta(days=10),
        )


def _risks(cast, n, start=0):
    from risk.services import risk_create

    for i in range(start, start + n):
        risk_create(
            by=cast.manager,
            program=cast.program_a,
            title=f"Risk {i}",
            event=f"Risk {i}",
            category="operational",
            treatment="mitigate",
        )


def _page(client, program):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("strategy:program_detail", args=[program.pk]))
    assert response.status_code == 200
    return len(ctx.captured_queries), response.content.decode()


@pytest.mark.parametrize("who", ["manager", "admin"])
def test_the_program_page_reads_the_same_queries_for_a_small_and_a_large_charter(cast, client, who):
    client.force_login(getattr(cast, who))
    empty, _html = _page(client, cast.program_a)
    # At most PAGE_QUERIES: one fewer when an earlier test of the process left a lookup cached.
    assert empty <= PAGE_QUERIES
    _charter_rows(cast, 2)
    _risks(cast, 1)
    few, html = _page(client, cast.program_a)
    assert "Goal 1" in html and "Person 1" in html and "Assess the open risks: Risk 0" in html
    _charter_rows(cast, 15, start=2)
    _risks(cast, 10, start=1)
    many, html = _page(client, cast.program_a)
    assert "Goal 16" in html and "Team 16" in html and "RFP 16" in html and "Revision 116" in html
    assert "Risk 4; …" in html  # five names, then an ellipsis
    assert "change 16" in html
    assert few == many == empty + RISK_NAMES + HISTORY_USERS


def _gates(program):
    """The gates as text (labels are lazy translations) and whether each is met."""
    return [
        (g["phase"], [(str(i["label"]), i["met"]) for i in g["items"]], [str(m) for m in g["missing"]], g["met"])
        for g in gate_checklist(program)
    ]


def _annotated(program):
    return with_gate_readiness(Program.objects.filter(pk=program.pk)).get()


def test_gates_from_the_annotated_program_are_the_gates_of_the_plain_one(cast):
    """Each state the other apps can be in, read both ways: with the Exists() flags and with the
    queries the checklist runs for a program read without them."""
    from contracts.models import Contract
    from delivery.models import TransitionItem
    from risk.models import Risk
    from tests.contracts.factories import ContractFactory
    from vendors.models import AwardDecision

    from ..vendors.world import make_event, make_proposal

    program = cast.program_a
    seen = []

    def same():
        plain = _gates(Program.objects.get(pk=program.pk))
        annotated = _gates(_annotated(program))
        assert annotated == plain
        seen.append(plain)

    same()  # nothing anywhere
    _risks(cast, 7)
    same()
    Risk.objects.filter(program=program).update(assessed_at=timezone.now())
    same()
    event = make_event(cast, status="awarded")
    award = AwardDecision.objects.create(event=event, proposal=make_proposal(event, cast.vendor_x), rationale="Best")
    same()
    AwardDecision.objects.filter(pk=award.pk).update(approved_at=timezone.now())
    same()
    contract = ContractFactory(program=program, vendor=cast.vendor_x, status="draft")
    same()
    Contract.objects.filter(pk=contract.pk).update(status="signed")
    same()
    TransitionItem.objects.create(program=program, title="Posters", mandatory=False, category="go_live")
    same()
    for i in range(7):
        TransitionItem.objects.create(program=program, title=f"Run book {i}", mandatory=True, category="go_live")
    same()
    TransitionItem.objects.filter(program=program).update(done_at=timezone.now(), evidence="Signed off")
    same()
    # Every flag was both true and false along the way: waiting risks, the approved award, the
    # signed contract, mandatory items, open ones and then none open.
    assert seen[1] != seen[0] and seen[2] == seen[0]
    assert seen[4] != seen[3] and seen[6] != seen[5]
    assert seen[7] == seen[6] and seen[8] != seen[7] and seen[9] not in (seen[7], seen[8])


def test_a_ready_program_reads_its_gates_without_a_query_of_the_other_apps(cast, django_assert_num_queries):
    from django.db.models import prefetch_related_objects

    program = _annotated(cast.program_a)
    prefetch_related_objects([program], "objectives", "budget_lines")  # as the page does
    with django_assert_num_queries(1):  # the passed gates; nothing is waiting anywhere
        gates = gate_checklist(program)
    assert [str(i["label"]) for i in gates[0]["items"]][-1] == "Every open risk is assessed"
