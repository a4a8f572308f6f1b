"""load_demo: a user for every role, at least two programs, safe to run twice, refused in production."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from bpo.accounts.choices import Role
from bpo.accounts.models import ProgramMembership, User
from bpo.core.models import Notification
from contracts.models import Contract
from delivery.models import Sample
from performance.models import Credit, Result
from risk.models import Risk
from strategy.models import Program
from vendors.models import Vendor

MODELS = (Program, Vendor, User, ProgramMembership, Notification, Contract, Sample, Result, Credit, Risk)


def _counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def _load():
    call_command("load_demo", stdout=StringIO())


def test_load_demo_is_idempotent(db):
    _load()
    first = _counts()
    _load()
    assert _counts() == first


def test_load_demo_creates_programs_and_a_user_for_every_role(db):
    _load()
    assert Program.objects.count() >= 2
    assert set(User.objects.values_list("role", flat=True)) >= set(Role.values)
    # every program has a manager, and every demo user can actually sign in
    for program in Program.objects.all():
        assert program.memberships.filter(role="manager").exists(), program
    assert all(user.has_usable_password() for user in User.objects.all())


def test_load_demo_data_passes_model_validation(db):
    _load()
    for model in (Program, Vendor, User):
        for obj in model.objects.all():
            obj.full_clean(exclude=["password"] if model is User else None)


def test_load_demo_refuses_when_demo_is_not_allowed(db, settings):
    settings.BPO_DEMO_ALLOWED = False
    with pytest.raises(CommandError):
        _load()
    assert _counts() == {name: 0 for name in _counts()}


def test_load_demo_runs_the_lifecycle_october_breach_earns_the_worked_example_credit(db):
    """The demo contract is active, measured, evaluated: October's answer-time breach gives
    10% x 100,000.00 x 40% = 4,000.00, applied (no earn-back); accuracy 99.2 is MINOR."""
    _load()
    contract = Contract.objects.get(number="CS-MSA-2026-001")
    assert contract.status == "active"
    october = Result.objects.filter(period__contract=contract, period__start__month=10)
    assert dict(october.values_list("service_level__code", "state")) == {
        "ASA20": "breach",
        "ACC": "minor",
        "AHT": "met",
        "CSAT": "met",
    }
    credits = Credit.objects.filter(period__contract=contract)
    assert [(c.amount, c.status) for c in credits] == [(Decimal("4000.00"), "applied")]
    assert Risk.objects.filter(program__code="CS-2026").count() == 3


def test_load_demo_invoices_october_approved_with_its_credit_deducted_november_waiting(db):
    """Apex bills the monthly fee: October's invoice is approved and carries October's applied
    4,000.00 credit; November's waits for finance. Loading again adds no invoice."""
    from delivery.models import Invoice

    _load()
    _load()
    invoices = Invoice.objects.filter(contract__number="CS-MSA-2026-001").order_by("period")
    assert [(i.number, i.status, i.gross_amount, i.deduction_amount, i.net_amount) for i in invoices] == [
        ("APX-2026-10", "approved", Decimal("100000.00"), Decimal("4000.00"), Decimal("96000.00")),
        ("APX-2026-11", "submitted", Decimal("100000.00"), Decimal("0.00"), Decimal("100000.00")),
    ]


def test_load_demo_charters_go_through_the_real_approval(db):
    _load()
    cs, ap = Program.objects.get(code="CS-2026"), Program.objects.get(code="AP-2026")
    assert cs.status == "approved" and cs.objectives.count() == 2
    assert not cs.budget_lines.filter(approved_at__isnull=True).exists()
    assert ap.status == "submitted"


def test_load_demo_leaves_waits_for_you_only_for_what_still_waits(db, django_capture_on_commit_callbacks):
    """The contract is active and CS-2026's charter approved, so legal's, finance's and the
    executive's requests for them are read; AP-2026's charter waits for its sponsor, the executive."""
    with django_capture_on_commit_callbacks(execute=True):
        _load()
    ap = Program.objects.get(code="AP-2026")
    assert (ap.status, ap.sponsor.username) == ("submitted", "exec")
    assert Program.objects.get(code="CS-2026").status == "approved"
    waiting = Notification.objects.filter(title__contains="waits for your")
    assert waiting.filter(recipient__username__in=["legal", "finance"]).count() == 2  # they were asked ...
    assert sorted(waiting.filter(read_at__isnull=True).values_list("recipient__username", "title")) == [
        ("exec", "Charter of AP-2026 waits for your approval")  # ... and only this still waits
    ]


def test_load_demo_programs_reach_their_phase_through_their_gates_in_order(db):
    """CS-2026 (steady state) passed its four earlier gates in order, each met (no override),
    by its manager except the sourcing gate, which the sponsor's award approval passed; its page's
    checklist shows them passed. AP-2026 (sourcing) passed its strategy gate after its sponsor
    approved revision 1 of its charter; revision 2 waits for the sponsor. A second run adds no gate."""
    from strategy.models import CharterRevision, PhaseGate
    from strategy.services import gate_checklist

    _load()
    cs, ap = Program.objects.get(code="CS-2026"), Program.objects.get(code="AP-2026")
    assert (cs.phase, ap.phase) == ("steady_state", "sourcing")
    gates = list(PhaseGate.objects.filter(program=cs).order_by("passed_at"))
    assert [g.phase for g in gates] == ["strategy", "sourcing", "contracting", "transition"]
    assert [g.passed_by.username for g in gates] == ["pm", "exec", "pm", "pm"]
    assert not [g for g in gates if g.override_reason]
    assert [g.passed_at.date().isoformat() for g in gates] == ["2026-03-02", "2026-05-15", "2026-08-20", "2026-09-01"]
    checklist = gate_checklist(cs)
    assert [bool(g["passed"]) for g in checklist] == [True, True, True, True, False]
    assert all(g["met"] for g in checklist[:4])
    cs_charter = CharterRevision.objects.get(program=cs, number=1)
    assert cs_charter.approved_by.username == "exec" and cs_charter.approved_at < gates[0].passed_at
    assert not cs.budget_lines.filter(approved_at__gte=gates[0].passed_at).exists()

    ap_gates = list(PhaseGate.objects.filter(program=ap))
    assert [(g.phase, g.passed_by.username, g.override_reason) for g in ap_gates] == [("strategy", "pm2", "")]
    ap_charter = CharterRevision.objects.get(program=ap, number=1)
    assert ap_charter.approved_by.username == "exec" and ap_charter.approved_at < ap_gates[0].passed_at
    assert (ap.revision, ap.status) == (2, "submitted")

    _load()
    assert PhaseGate.objects.count() == 5
    assert list(Program.objects.order_by("code").values_list("phase", flat=True)) == ["sourcing", "steady_state"]
