"""DOMAIN: an evaluator "may score proposals of the sourcing events they are assigned to, nothing
else of them". A membership with the evaluator role makes no program record visible (the
program, its budget, risks, contracts and invoices answer 404 and the API lists are empty), while
the events they are assigned to (page, score sheet, comparison, proposals, scores API) still work.
Another membership (viewer of program B) reads that program as before; a viewer of A assigned to
evaluate an event keeps reading A."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from bpo.accounts.choices import ProgramRole
from bpo.accounts.models import ProgramMembership
from delivery.models import Invoice
from risk import services as risk_services
from strategy.models import BudgetLine, Program
from tests.contracts.factories import contract_of_a
from vendors.models import Criterion

from .world import make_event, make_proposal


def _risk(cast, program, title, by=None):
    return risk_services.risk_create(
        by=by or cast.manager, program=program, title=title, category="vendor_dependency", event="It happens"
    )


@pytest.fixture
def program_a_records(cast):
    event = make_event(cast)  # the cast's evaluator is assigned, the deadline passed
    proposal = make_proposal(event, cast.vendor_x, by=cast.vendor_x_admin)
    other = make_event(cast, evaluators=())  # an event of A they are not assigned to
    line = BudgetLine.objects.create(
        program=cast.program_a, category="transition", period="2026", planned_amount=Decimal("1000")
    )
    risk = _risk(cast, cast.program_a, "Key vendor insolvency")
    invoice = Invoice.objects.create(
        contract=contract_of_a(cast), number="INV-1", period=date(2026, 1, 1), submitted_by=cast.vendor_x_admin
    )
    return {"event": event, "proposal": proposal, "other": other, "line": line, "risk": risk, "invoice": invoice}


def _results(client, name, **params):
    response = client.get(reverse(name), params)
    assert response.status_code == 200, (name, response.status_code)
    return response.json()["results"]


def test_an_evaluator_membership_reads_nothing_of_the_program(cast, client, program_a_records):
    r = program_a_records
    client.force_login(cast.evaluator)
    program_a = cast.program_a
    assert not Program.objects.visible_to(cast.evaluator).exists()
    for url in (
        reverse("strategy:program_detail", args=[program_a.pk]),
        reverse("delivery:program_budget", args=[program_a.pk]),
        reverse("risk:risk_detail", args=[r["risk"].pk]),
        reverse("delivery:invoice_detail", args=[r["invoice"].pk]),
        reverse("contracts:contract_detail", args=[contract_of_a(cast).pk]),
        reverse("program-detail", args=[program_a.pk]),
        reverse("budgetline-detail", args=[r["line"].pk]),
        reverse("risk-detail", args=[r["risk"].pk]),
        reverse("invoice-detail", args=[r["invoice"].pk]),
        # An event of the program they are not assigned to: as if it did not exist.
        r["other"].get_absolute_url(),
        reverse("vendors:evaluation", args=[r["other"].pk]),
        reverse("sourcing-event-detail", args=[r["other"].pk]),
    ):
        assert client.get(url).status_code == 404, url
    for name in ("program-list", "budgetline-list", "risk-list", "invoice-list"):
        assert _results(client, name) == [], name
    assert [e["id"] for e in _results(client, "sourcing-event-list")] == [r["event"].pk]
    # The lists of the staff UI answer, without program A's rows.
    page = client.get(reverse("risk:risk_list")).content.decode()
    assert "Key vendor insolvency" not in page
    assert program_a.name not in client.get(reverse("strategy:program_list")).content.decode()


def test_the_assigned_event_still_works_for_the_evaluator(cast, client, program_a_records):
    r = program_a_records
    event, proposal = r["event"], r["proposal"]
    client.force_login(cast.evaluator)
    page = client.get(event.get_absolute_url())
    assert page.status_code == 200
    html = page.content.decode()
    # The program is named, not linked: its page would answer 404.
    assert str(cast.program_a) in html
    assert f'href="{cast.program_a.get_absolute_url()}"' not in html
    for url in (
        reverse("vendors:score_sheet", args=[event.pk]),
        reverse("vendors:evaluation", args=[event.pk]),
        reverse("vendors:proposal_detail", args=[proposal.pk]),
        reverse("sourcing-event-detail", args=[event.pk]),
        reverse("proposal-detail", args=[proposal.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert f'href="{cast.program_a.get_absolute_url()}"' not in response.content.decode(), url
    quality = Criterion.objects.get(event=event, is_price=False)
    scored = client.post(
        "/api/v1/scores/",
        {"proposal": proposal.pk, "criterion": quality.pk, "score": "7"},
        content_type="application/json",
    )
    assert scored.status_code == 201, scored.content
    assert [s["evaluator"] for s in _results(client, "score-list", event=event.pk)] == [cast.evaluator.pk]
    home = client.get(reverse("core:home"))
    assert home.status_code == 200
    assert f'href="{cast.program_a.get_absolute_url()}"' not in home.content.decode()


def test_another_membership_reads_its_program_as_before(cast, client, program_a_records):
    ProgramMembership.objects.create(user=cast.evaluator, program=cast.program_b, role=ProgramRole.VIEWER)
    risk_b = _risk(cast, cast.program_b, "Attrition", by=cast.outsider)
    client.force_login(cast.evaluator)
    assert set(Program.objects.visible_to(cast.evaluator)) == {cast.program_b}
    assert client.get(reverse("strategy:program_detail", args=[cast.program_b.pk])).status_code == 200
    assert client.get(reverse("risk:risk_detail", args=[risk_b.pk])).status_code == 200
    assert [x["id"] for x in _results(client, "risk-list")] == [risk_b.pk]
    assert client.get(reverse("strategy:program_detail", args=[cast.program_a.pk])).status_code == 404


def test_a_viewer_assigned_to_evaluate_keeps_reading_the_program(cast, client, program_a_records):
    event = make_event(cast, evaluators=("viewer",))
    client.force_login(cast.viewer)
    assert client.get(reverse("strategy:program_detail", args=[cast.program_a.pk])).status_code == 200
    assert client.get(reverse("risk:risk_detail", args=[program_a_records["risk"].pk])).status_code == 200
    assert client.get(reverse("vendors:score_sheet", args=[event.pk])).status_code == 200
    html = client.get(event.get_absolute_url()).content.decode()
    assert f'href="{cast.program_a.get_absolute_url()}"' in html


def test_global_roles_and_the_sponsor_are_unaffected(cast, program_a_records):
    for role in ("admin", "finance", "legal", "executive"):
        user = getattr(cast, role)
        assert set(Program.objects.visible_to(user)) == {cast.program_a, cast.program_b}, role
    # Budget lines are money: every program's for finance, legal's only as a member (bpo.core.scoping).
    for role in ("admin", "finance", "executive"):
        user = getattr(cast, role)
        assert BudgetLine.objects.visible_to(user).filter(pk=program_a_records["line"].pk).exists(), role
    assert not BudgetLine.objects.visible_to(cast.legal).exists()
    # A sponsor who is also the program's evaluator reads it as its sponsor.
    Program.objects.filter(pk=cast.program_a.pk).update(sponsor=cast.evaluator)
    assert set(Program.objects.visible_to(cast.evaluator)) == {cast.program_a}
    assert BudgetLine.objects.visible_to(cast.evaluator).filter(pk=program_a_records["line"].pk).exists()
