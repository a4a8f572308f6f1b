"""Evaluation end to end in services: blind scoring, submission, disqualification, ranking,
due diligence, and the award that creates the draft contract and passes the sourcing gate."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from bpo.accounts.choices import ProgramRole
from bpo.core.models import Notification
from contracts.models import Contract
from strategy.models import Program
from tests.factories import MembershipFactory, UserFactory
from vendors.models import Criterion, EvaluatorAssignment, Score
from vendors.selectors import evaluation_matrix
from vendors.services import (
    award_approve,
    award_propose,
    diligence_record,
    evaluator_submit,
    proposal_shortlist,
    requirement_check_record,
    score_save,
)

from .world import make_event, make_proposal


@pytest.fixture
def scored(cast):
    """Event past its deadline: X (100000) and Y (125000); Quality 60 scored, Price 40 by formula;
    two evaluators: the cast's evaluator and a second one."""
    second = UserFactory(username="evaluator2")
    MembershipFactory(user=second, program=cast.program_a, role=ProgramRole.EVALUATOR)
    event = make_event(cast, invite=("vendor_x", "vendor_y"), evaluators=("evaluator",))
    EvaluatorAssignment.objects.create(event=event, user=second)
    x = make_proposal(event, cast.vendor_x, price="100000")
    y = make_proposal(event, cast.vendor_y, price="125000")
    quality = Criterion.objects.get(event=event, name="Quality")
    return event, x, y, quality, second


def test_evaluator_sees_only_their_own_scores_until_they_submit(cast, client, scored):
    event, x, y, quality, second = scored
    score_save(proposal=x, criterion=quality, by=cast.evaluator, score=Decimal("8"))
    score_save(proposal=x, criterion=quality, by=second, score=Decimal("4"))
    assert list(Score.objects.visible_to(cast.evaluator).values_list("score", flat=True)) == [Decimal("8")]
    assert evaluation_matrix(event, cast.evaluator)["blind"] is True
    client.force_login(cast.evaluator)
    page = client.get(reverse("vendors:evaluation", args=[event.pk])).content.decode()
    assert "Submit your own scores first" in page
    assert client.get(reverse("vendors:evaluation", args=[event.pk]) + "?export=xlsx").status_code == 403

    evaluator_submit(event=event, by=cast.evaluator)
    # The second evaluator's sheet is still a draft: not seen until it is submitted.
    assert list(Score.objects.visible_to(cast.evaluator).values_list("score", flat=True)) == [Decimal("8")]
    evaluator_submit(event=event, by=second)
    assert Score.objects.visible_to(cast.evaluator).count() == 2
    with pytest.raises(ValidationError, match="can no longer change"):
        score_save(proposal=x, criterion=quality, by=cast.evaluator, score=Decimal("9"))


def test_only_assigned_evaluators_score_and_never_the_price(cast, scored):
    event, x, y, quality, second = scored
    with pytest.raises(PermissionDenied):
        score_save(proposal=x, criterion=quality, by=cast.manager, score=Decimal("5"))
    price = Criterion.objects.get(event=event, is_price=True)
    with pytest.raises(ValidationError, match="computed from the prices"):
        score_save(proposal=x, criterion=price, by=cast.evaluator, score=Decimal("5"))
    with pytest.raises(ValidationError):
        score_save(proposal=x, criterion=quality, by=cast.evaluator, score=Decimal("11"))


def test_scoring_is_closed_before_the_deadline(cast):
    event = make_event(cast, deadline_in=timedelta(days=2))
    proposal = make_proposal(event, cast.vendor_x)
    quality = Criterion.objects.get(event=event, name="Quality")
    with pytest.raises(PermissionDenied):  # the proposal is sealed, even to its evaluator
        score_save(proposal=proposal, criterion=quality, by=cast.evaluator, score=Decimal("5"))


def test_matrix_ranks_flags_and_disqualifies_from_submitted_sheets(cast, client, scored):
    event, x, y, quality, second = scored
    # X quality 9 and 5 (spread 4, flagged): mean 7 -> 60*7/10 = 42; price lowest -> 40: 82.
    # Y quality 10 and 10 -> 60; price 40*100000/125000 = 32: 92.
    for user, sx, sy in ((cast.evaluator, "9", "10"), (second, "5", "10")):
        score_save(proposal=x, criterion=quality, by=user, score=Decimal(sx))
        score_save(proposal=y, criterion=quality, by=user, score=Decimal(sy))
        evaluator_submit(event=event, by=user)
    matrix = evaluation_matrix(event, cast.manager)
    rows = [(m["proposal"].vendor.name, m["row"].total, m["row"].rank) for m in matrix["rows"]]
    assert rows == [("Vendor Y", Decimal("92.00"), 1), ("Vendor X", Decimal("82.00"), 2)]
    assert matrix["rows"][1]["cells"][1]["flagged"] and matrix["flag_count"] == 1

    # Y fails the mandatory requirement: disqualified, X first and now the lowest price alone.
    requirement = event.requirements.get()
    requirement_check_record(proposal=y, requirement=requirement, by=cast.manager, passed=False, note="No ISO")
    matrix = evaluation_matrix(event, cast.manager)
    assert [(m["proposal"].vendor.name, m["row"].rank) for m in matrix["rows"]] == [("Vendor X", 1), ("Vendor Y", None)]
    assert matrix["rows"][1]["row"].disqualified and [str(r) for r in matrix["rows"][1]["failed"]] == [
        "ISO 27001 certified"
    ]

    client.force_login(cast.manager)
    export = client.get(reverse("vendors:evaluation", args=[event.pk]) + "?export=xlsx")
    assert export.status_code == 200 and export["Content-Type"].startswith("application/vnd.openxmlformats")
    from io import BytesIO

    from openpyxl import load_workbook

    sheet = load_workbook(BytesIO(export.content)).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0][:3] == ["Rank", "Vendor", "Price"]
    assert values[1][0] == 1 and values[1][1].startswith("Vendor X") and values[2][6] == "Yes"
    # In the reader's language, headers and values alike.
    cast.manager.language = "zh-hans"
    cast.manager.save(update_fields=["language"])
    export = client.get(reverse("vendors:evaluation", args=[event.pk]) + "?export=xlsx")
    values = [[c.value for c in row] for row in load_workbook(BytesIO(export.content)).active.iter_rows()]
    assert values[0][:3] == ["排名", "供应商", "价格"]
    assert values[0][-4:] == ["合计", "已取消资格", "共识标记", "尽职调查（平均）"] and values[2][6] == "是"


def test_unassigned_evaluator_cannot_see_the_event(cast, client):
    event = make_event(cast, evaluators=())
    client.force_login(cast.evaluator)
    assert client.get(reverse("vendors:event_detail", args=[event.pk])).status_code == 404
    assert client.get(reverse("vendors:event_list")).content.decode().count("Contact centre RFP") == 0


def test_due_diligence_needs_a_shortlisted_vendor_and_the_pilot_passes_on_its_kpis(cast, scored):
    event, x, y, quality, second = scored
    with pytest.raises(ValidationError, match="Shortlist"):
        diligence_record(
            proposal=x,
            by=cast.manager,
            kind="site_visit",
            performed_on=date(2026, 11, 1),
            findings="Clean site",
            score=Decimal("8"),
        )
    proposal_shortlist(proposal=x, by=cast.manager)
    pilot = diligence_record(
        proposal=x,
        by=cast.manager,
        kind="pilot",
        performed_on=date(2026, 11, 2),
        findings="Two weeks",
        score=Decimal("7"),
        kpis=[
            {"name": "AHT (s)", "target": Decimal("300"), "actual": Decimal("280"), "higher_is_better": False},
            {"name": "CSAT", "target": Decimal("85"), "actual": Decimal("83"), "higher_is_better": True},
        ],
    )
    assert pilot.pilot_passed is False  # CSAT below target
    matrix = evaluation_matrix(event, cast.manager)
    row = next(m for m in matrix["rows"] if m["proposal"].pk == x.pk)
    assert row["diligence_mean"] == Decimal("7.0")


def _sheets_in(cast, scored):
    """Both evaluators score and submit: the award waits for every sheet."""
    event, x, y, quality, second = scored
    for user in (cast.evaluator, second):
        score_save(proposal=x, criterion=quality, by=user, score=Decimal("8"))
        evaluator_submit(event=event, by=user)


def test_award_creates_the_draft_contract_passes_the_gate_and_tells_each_vendor_only_its_result(cast, scored):
    event, x, y, quality, second = scored
    _sheets_in(cast, scored)
    Program.objects.filter(pk=cast.program_a.pk).update(phase="sourcing", sponsor=cast.executive)
    with pytest.raises(ValidationError):
        award_propose(event=event, proposal=x, by=cast.manager, rationale=" ")
    award = award_propose(event=event, proposal=x, by=cast.manager, rationale="Best value")
    asked = Notification.objects.get(recipient=cast.executive, event_key__startswith="award-proposed:")
    assert asked.read_at is None
    with pytest.raises(PermissionDenied):
        award_approve(event=event, by=cast.manager)  # not the sponsor
    award = award_approve(event=event, by=cast.admin)
    asked.refresh_from_db()
    assert asked.read_at is not None  # decided (here by an administrator): no longer waits for the sponsor

    event.refresh_from_db()
    assert event.status == "awarded" and award.approved_by == cast.admin
    contract = Contract.objects.get(pk=award.contract_id)
    assert (contract.status, contract.vendor, contract.program, contract.value) == (
        "draft",
        cast.vendor_x,
        cast.program_a,
        Decimal("100000.00"),
    )
    program = Program.objects.get(pk=cast.program_a.pk)
    assert program.phase == "contracting" and program.gates.get(phase="sourcing").override_reason == ""

    won = Notification.objects.get(recipient=cast.vendor_x_admin, event_key=f"sourcing-result:{event.pk}")
    lost = Notification.objects.get(recipient=cast.vendor_y_admin, event_key=f"sourcing-result:{event.pk}")
    assert "selected" in won.title and "not selected" in lost.title
    assert "Vendor X" not in lost.title + lost.body


def test_disqualified_proposal_cannot_be_awarded(cast, scored):
    event, x, y, quality, second = scored
    requirement_check_record(proposal=y, requirement=event.requirements.get(), by=cast.manager, passed=False)
    with pytest.raises(ValidationError):
        award_propose(event=event, proposal=y, by=cast.manager, rationale="Cheap")


def test_portal_shows_the_loser_only_its_own_result(cast, client, scored):
    event, x, y, quality, second = scored
    _sheets_in(cast, scored)
    award_propose(event=event, proposal=x, by=cast.manager, rationale="Best value for money")
    award_approve(event=event, by=cast.admin)
    client.force_login(cast.vendor_y_admin)
    for url in ("/portal/sourcing/", f"/portal/sourcing/{event.pk}/"):
        html = client.get(url).content.decode()
        assert "Not selected" in html and "Vendor X" not in html and "Best value" not in html
        # No score (92.00 / 82.00) and no other vendor's price; bare "92" could be in a generated name.
        assert "92.00" not in html and "82.00" not in html and "100,000" not in html


@pytest.mark.parametrize(
    ("language", "sheet"), [("en", "Comparison Contact centre RFP"), ("zh-hans", "比较：Contact centre RFP")]
)
def test_the_comparison_xlsx_names_its_sheet_after_the_page_in_the_readers_language(
    cast, client, scored, language, sheet
):
    """The page's heading (Comparison: <event>), cleaned for Excel (no ':'), not the file's name."""
    from io import BytesIO

    from openpyxl import load_workbook

    event = scored[0]
    cast.manager.language = language
    cast.manager.save(update_fields=["language"])
    client.force_login(cast.manager)
    export = client.get(reverse("vendors:evaluation", args=[event.pk]) + "?export=xlsx")
    assert export.status_code == 200
    assert load_workbook(BytesIO(export.content)).sheetnames == [sheet]
