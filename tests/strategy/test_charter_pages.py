"""The program page shows the whole charter and the gates; the forms and the API go through the services."""

from decimal import Decimal

from django.urls import reverse
from rest_framework.test import APIClient

from strategy.models import Objective, Program
from strategy.services import charter_item_create


def test_program_page_shows_the_charter_sections_and_what_the_gate_lacks(cast, client):
    charter_item_create(program=cast.program_a, kind="objective", by=cast.manager, statement="Cut cost per call")
    charter_item_create(
        program=cast.program_a,
        kind="budget",
        by=cast.manager,
        category="training",
        period="2027-Q1",
        planned_amount=Decimal("2500"),
    )
    client.force_login(cast.manager)
    html = client.get(reverse("strategy:program_detail", args=[cast.program_a.pk])).content.decode()
    for heading in ("Phase gates", "Objectives", "Scope", "Budget", "Milestones", "Stakeholders", "Internal resources"):
        assert heading in html
    assert "Cut cost per call" in html and "2,500.00" in html
    assert "needs a KPI" in html  # the objective's SMART gaps
    assert "Budget approved by finance" in html and "Submit for approval" in html


def test_objective_form_keeps_typed_values_on_error(cast, client):
    client.force_login(cast.manager)
    url = reverse("strategy:charter_item_create", args=[cast.program_a.pk, "objective"])
    response = client.post(url, {"statement": "Faster", "target": "abc", "kpi": "AHT"})
    assert response.status_code == 200
    assert 'value="AHT"' in response.content.decode()
    assert not Objective.objects.exists()
    response = client.post(url, {"statement": "Faster", "target": "300", "kpi": "AHT"})
    assert response.status_code == 302
    assert Objective.objects.get().target == 300


def test_unknown_charter_kind_is_404(cast, client):
    client.force_login(cast.manager)
    assert client.get(reverse("strategy:charter_item_create", args=[cast.program_a.pk, "nope"])).status_code == 404


def test_submit_refusal_is_shown_as_a_message(cast, client):
    client.force_login(cast.manager)
    response = client.post(reverse("strategy:program_action", args=[cast.program_a.pk, "submit"]), follow=True)
    assert "Add at least one objective." in response.content.decode()
    assert Program.objects.get(pk=cast.program_a.pk).status == "draft"


def test_gate_override_through_the_page_records_the_reason(cast, client):
    client.force_login(cast.manager)
    url = reverse("strategy:gate_pass", args=[cast.program_a.pk])
    response = client.post(url, {"override_reason": ""})
    assert response.status_code == 200 and "Give a reason to override it" in response.content.decode()
    response = client.post(url, {"override_reason": "Executive decision"})
    assert response.status_code == 302
    program = Program.objects.get(pk=cast.program_a.pk)
    assert program.phase == "sourcing" and program.gates.get().override_reason == "Executive decision"


def test_compare_page_lists_revisions(cast, client):
    client.force_login(cast.viewer)
    response = client.get(reverse("strategy:charter_compare", args=[cast.program_a.pk]))
    assert response.status_code == 200 and "Current charter" in response.content.decode()


def test_api_manager_adds_an_objective_and_finance_approves_the_budget(cast):
    api = APIClient()
    api.force_authenticate(cast.manager)
    response = api.post(
        "/api/v1/objectives/",
        {"program": cast.program_a.pk, "statement": "Cut cost", "kpi": "Cost", "unit": "USD", "target": "3.5"},
        format="json",
    )
    assert response.status_code == 201, response.content
    response = api.post(
        "/api/v1/budget-lines/",
        {"program": cast.program_a.pk, "category": "other", "period": "2027", "planned_amount": "10.00"},
        format="json",
    )
    assert response.status_code == 201
    # Submitting with an incomplete goal: a 400 in the standard shape.
    response = api.post(f"/api/v1/programs/{cast.program_a.pk}/submit/")
    assert response.status_code == 400 and response.json()["type"] == "validation_error"
    # Finance approves through the API although it manages nothing.
    api.force_authenticate(cast.finance)
    response = api.post(f"/api/v1/programs/{cast.program_a.pk}/approve-budget/")
    assert response.status_code == 200, response.content
    api.force_authenticate(cast.contributor)
    assert api.post(f"/api/v1/programs/{cast.program_a.pk}/submit/").status_code == 403
    api.force_authenticate(cast.outsider)
    assert api.post(f"/api/v1/programs/{cast.program_a.pk}/submit/").status_code == 404
    # A program they cannot see answers as a missing one: 400 on `program`, not 403.
    hidden = api.post("/api/v1/objectives/", {"program": cast.program_a.pk, "statement": "x"}, format="json")
    assert hidden.status_code == 400 and "program" in {e["attr"] for e in hidden.json()["errors"]}


def test_api_gates_lists_each_gate(cast):
    api = APIClient()
    api.force_authenticate(cast.viewer)
    gates = api.get(f"/api/v1/programs/{cast.program_a.pk}/gates/").json()
    assert [g["phase"] for g in gates] == ["strategy", "sourcing", "contracting", "transition", "steady_state"]
    assert gates[0]["is_current"] and "Charter approved" in gates[0]["missing"]
