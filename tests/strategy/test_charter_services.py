"""The charter: SMART goals, finance's budget approval, draft -> submitted -> approved, revisions, gates."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from bpo.core.models import Notification
from strategy.models import BudgetLine, CharterRevision, Program
from strategy.services import (
    budget_approve,
    charter_item_create,
    charter_item_update,
    gate_checklist,
    gate_pass,
    program_approve,
    program_return,
    program_revise,
    program_submit,
)
from strategy.services.charter import charter_compare, charter_snapshot

SMART = dict(
    statement="Cut cost per call",
    kpi="Cost per call",
    unit="USD",
    baseline=Decimal("5.00"),
    target=Decimal("3.50"),
    target_date=date(2027, 6, 30),
    method="Monthly finance report",
)


def smart_objective(cast, **over):
    return charter_item_create(
        program=cast.program_a, kind="objective", by=cast.manager, **{**SMART, "owner": cast.manager, **over}
    )


def budget_line(cast, amount="100000"):
    return charter_item_create(
        program=cast.program_a,
        kind="budget",
        by=cast.manager,
        category="vendor_fees",
        period="2027",
        planned_amount=Decimal(amount),
    )


def approved_charter(cast):
    smart_objective(cast)
    budget_line(cast)
    budget_approve(program=cast.program_a, by=cast.finance)
    program_submit(program=cast.program_a, by=cast.manager)
    return program_approve(program=cast.program_a, by=cast.admin)


def test_goal_without_target_and_date_cannot_be_submitted(cast):
    smart_objective(cast, target=None, target_date=None)
    with pytest.raises(ValidationError) as exc:
        program_submit(program=cast.program_a, by=cast.manager)
    text = " ".join(exc.value.messages)
    assert "a measurable target" in text and "a target date" in text
    assert Program.objects.get(pk=cast.program_a.pk).status == "draft"


def test_charter_without_objectives_cannot_be_submitted(cast):
    with pytest.raises(ValidationError, match="at least one objective"):
        program_submit(program=cast.program_a, by=cast.manager)


def test_only_managers_change_the_charter(cast):
    for role in ("contributor", "viewer", "evaluator", "finance", "outsider"):
        with pytest.raises(PermissionDenied):
            charter_item_create(program=cast.program_a, kind="stakeholder", by=getattr(cast, role), name="CFO")


def test_budget_period_must_be_a_year_quarter_or_month(cast):
    with pytest.raises(ValidationError) as exc:
        charter_item_create(
            program=cast.program_a,
            kind="budget",
            by=cast.manager,
            category="other",
            period="26Q1",
            planned_amount=Decimal(1),
        )
    assert "period" in exc.value.message_dict


def test_only_finance_or_admin_approves_the_budget_and_a_change_needs_it_again(cast):
    line = budget_line(cast)
    with pytest.raises(PermissionDenied):
        budget_approve(program=cast.program_a, by=cast.manager)
    assert budget_approve(program=cast.program_a, by=cast.finance) == 1
    line.refresh_from_db()
    assert line.approved_by == cast.finance and line.approved_at
    line = charter_item_update(item=line, by=cast.manager, planned_amount=Decimal("120000"))
    assert line.approved_at is None and line.approved_by is None


def test_approval_needs_the_sponsor_or_an_administrator_and_an_approved_budget(cast):
    smart_objective(cast)
    budget_line(cast)
    program_submit(program=cast.program_a, by=cast.manager)
    with pytest.raises(PermissionDenied):
        program_approve(program=cast.program_a, by=cast.manager)  # a manager is not the sponsor
    with pytest.raises(ValidationError, match="Finance has not approved"):
        program_approve(program=cast.program_a, by=cast.admin)
    budget_approve(program=cast.program_a, by=cast.finance)
    Program.objects.filter(pk=cast.program_a.pk).update(sponsor=cast.viewer)
    program = program_approve(program=Program.objects.get(pk=cast.program_a.pk), by=cast.viewer)
    assert program.status == "approved"
    assert Notification.objects.filter(recipient=cast.manager, event_key__startswith="charter-approved").exists()


def test_submitted_or_approved_charter_is_locked(cast):
    smart_objective(cast)
    program_submit(program=cast.program_a, by=cast.manager)
    with pytest.raises(ValidationError, match="new revision"):
        charter_item_create(program=cast.program_a, kind="stakeholder", by=cast.manager, name="CFO")


def test_returned_charter_is_a_draft_again_with_the_reason_sent(cast):
    smart_objective(cast)
    program_submit(program=cast.program_a, by=cast.manager)
    with pytest.raises(ValidationError):
        program_return(program=cast.program_a, by=cast.admin, reason=" ")
    program = program_return(program=cast.program_a, by=cast.admin, reason="Add a quality goal")
    assert program.status == "draft"
    assert Notification.objects.get(recipient=cast.manager, event_key__startswith="charter-returned").body == (
        "Add a quality goal"
    )


def test_revision_keeps_the_approved_charter_and_the_comparison_shows_the_change(cast):
    approved_charter(cast)
    first = CharterRevision.objects.get(program=cast.program_a, number=1)
    assert first.snapshot["sections"]["objective"]["rows"][0][0] == "Cut cost per call"

    program = program_revise(program=cast.program_a, by=cast.manager)
    assert (program.status, program.revision) == ("draft", 2)
    line = BudgetLine.objects.get(program=program)
    charter_item_update(item=line, by=cast.manager, planned_amount=Decimal("90000.00"))
    smart_objective(
        cast, statement="Answer 80% of calls in 20 s", kpi="Service level", unit="%", baseline=70, target=80
    )

    # Revision 1 is untouched; the comparison names what was added and what changed.
    first.refresh_from_db()
    assert len(first.snapshot["sections"]["objective"]["rows"]) == 1
    diff = charter_compare(first.snapshot, charter_snapshot(Program.objects.get(pk=program.pk)))
    sections = {s["kind"]: s for s in diff["sections"]}
    assert [r[0] for r in sections["objective"]["added"]] == ["Answer 80% of calls in 20 s"]
    assert not sections["budget"]["removed"] and not sections["budget"]["added"]
    assert [(c["old"], c["new"]) for c in sections["budget"]["changed"][0] if c["changed"]] == [
        ("100,000.00", "90,000.00")
    ]

    # The second approval keeps both revisions.
    budget_approve(program=program, by=cast.finance)
    program_submit(program=program, by=cast.manager)
    program_approve(program=program, by=cast.admin)
    assert list(CharterRevision.objects.filter(program=program).values_list("number", flat=True)) == [2, 1]


def test_strategy_gate_lists_what_it_lacks_and_refuses_without_an_override(cast):
    gate = gate_checklist(cast.program_a)[0]
    assert gate["is_current"] and not gate["met"]
    assert {str(m) for m in gate["missing"]} == {
        "Charter approved",
        "Every objective is specific and measurable",
        "Budget approved by finance",
    }
    with pytest.raises(ValidationError) as exc:
        gate_pass(program=cast.program_a, by=cast.manager)
    assert "override_reason" in exc.value.message_dict
    with pytest.raises(PermissionDenied):
        gate_pass(program=cast.program_a, by=cast.contributor, override_reason="x")


def test_strategy_gate_lists_the_unassessed_risks_until_they_are_scored(cast):
    from risk.services import risk_assess, risk_create

    approved_charter(cast)
    risk = risk_create(
        by=cast.manager,
        program=cast.program_a,
        title="Key staff leave during transition",
        event="Key staff leave during transition",
        category="operational",
        treatment="mitigate",
    )
    gate = gate_checklist(Program.objects.get(pk=cast.program_a.pk))[0]
    assert not gate["met"]
    assert [str(m) for m in gate["missing"]] == ["Assess the open risks: Key staff leave during transition"]
    risk_assess(
        risk=risk, by=cast.manager, inherent_likelihood=3, inherent_impact=4, residual_likelihood=2, residual_impact=3
    )
    gate = gate_checklist(Program.objects.get(pk=cast.program_a.pk))[0]
    assert gate["met"] and not gate["missing"]


def test_manager_override_is_recorded_with_its_reason(cast):
    gate = gate_pass(program=cast.program_a, by=cast.manager, override_reason="Board mandate, charter follows")
    assert gate.override_reason == "Board mandate, charter follows" and gate.passed_by == cast.manager
    assert Program.objects.get(pk=cast.program_a.pk).phase == "sourcing"


def test_met_gate_passes_without_a_reason(cast):
    approved_charter(cast)
    gate = gate_pass(program=cast.program_a, by=cast.manager)
    assert gate.override_reason == ""
    assert Program.objects.get(pk=cast.program_a.pk).phase == "sourcing"
    gates = gate_checklist(Program.objects.get(pk=cast.program_a.pk))
    assert gates[0]["passed"] and gates[1]["is_current"]
    assert [str(m) for m in gates[1]["missing"]] == ["Award decided and approved"]


def test_approval_or_return_settles_the_sponsors_waits_for_your_approval(cast):
    """The sponsor's "Charter ... waits for your approval" is read once the charter is approved or
    returned (here by an administrator); a charter submitted again asks the sponsor again."""
    Program.objects.filter(pk=cast.program_a.pk).update(sponsor=cast.executive)
    smart_objective(cast)
    budget_line(cast)
    budget_approve(program=cast.program_a, by=cast.finance)

    def waiting():
        return Notification.objects.filter(
            recipient=cast.executive, event_key__startswith="charter-submitted:", read_at__isnull=True
        )

    program_submit(program=cast.program_a, by=cast.manager)
    assert waiting().get().title == "Charter of PA waits for your approval"
    program_return(program=cast.program_a, by=cast.admin, reason="Add a quality goal")
    assert not waiting().exists()
    program_submit(program=cast.program_a, by=cast.manager)
    assert waiting().count() == 1
    program_approve(program=cast.program_a, by=cast.admin)
    assert not waiting().exists()
    assert (
        Notification.objects.filter(recipient=cast.executive, event_key__startswith="charter-submitted:").count() == 2
    )
    # the managers' "approved" stays unread
    assert Notification.objects.get(recipient=cast.manager, event_key__startswith="charter-approved").read_at is None
