"""Risk pages: the register's filters and export, the heat map and its cells, forms that call the services."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from risk import services
from risk.models import Risk

from .test_register import assess, make_risk


def assessed(cast, program=None, by=None, scores=(3, 4, 2, 4), **extra):
    by = by or cast.manager
    risk = make_risk(cast, by=by, **({"program": program} if program else {}), **extra)
    assess(risk, by, *scores)
    return risk


def test_heat_map_counts_each_cell_and_links_to_its_risks(cast, client):
    a = assessed(cast, scores=(3, 4, 2, 4))
    b = assessed(cast, scores=(3, 4, 1, 1))
    assessed(cast, program=cast.program_b, by=cast.outsider, scores=(5, 5, 5, 5))
    client.force_login(cast.manager)
    response = client.get(reverse("risk:heat_map"))
    assert response.status_code == 200
    inherent = {(c["likelihood"], c["impact"]): c for row in response.context["maps"][0]["rows"] for c in row["cells"]}
    residual = {(c["likelihood"], c["impact"]): c for row in response.context["maps"][1]["rows"] for c in row["cells"]}
    assert inherent[(3, 4)]["count"] == 2 and inherent[(3, 4)]["level"] == "high"
    assert residual[(2, 4)]["count"] == 1 and residual[(1, 1)]["count"] == 1
    assert inherent[(5, 5)]["count"] == 0  # program B is not the manager's
    assert sum(c["count"] for c in inherent.values()) == 2
    link = f"{reverse('risk:risk_list')}?status=open&amp;residual_likelihood=2&amp;residual_impact=4"
    assert link in response.content.decode()
    # Clicking that cell lists exactly its risks.
    listed = client.get(reverse("risk:risk_list"), {"status": "open", "residual_likelihood": 2, "residual_impact": 4})
    assert [row["obj"] for row in listed.context["rows"]] == [a]
    assert b not in [row["obj"] for row in listed.context["rows"]]


def test_heat_map_per_program_and_across_programs_for_executives(cast, client):
    assessed(cast, scores=(2, 2, 1, 1))
    assessed(cast, program=cast.program_b, by=cast.outsider, scores=(5, 5, 4, 5))
    client.force_login(cast.executive)
    across = client.get(reverse("risk:heat_map"))
    assert across.context["counts"]["critical"] == 1 and across.context["counts"]["low"] == 1
    one = client.get(reverse("risk:heat_map"), {"program": cast.program_a.pk})
    assert one.context["program"] == cast.program_a
    assert one.context["counts"]["critical"] == 0 and one.context["counts"]["low"] == 1
    # A program the user may not see is never shown (refused next to the field: test_heat_map_filter.py).
    client.force_login(cast.manager)
    hidden = client.get(reverse("risk:heat_map"), {"program": cast.program_b.pk})
    assert hidden.context["program"] is None


def test_register_filters_and_export(cast, client):
    assessed(cast, title="Attrition", scores=(4, 5, 4, 5))
    assessed(cast, title="Data leak", category="data", scores=(2, 2, 1, 2))
    make_risk(cast, title="Not yet scored")
    client.force_login(cast.contributor)
    url = reverse("risk:risk_list")
    titles = lambda r: [row["obj"].title for row in r.context["rows"]]  # noqa: E731
    assert titles(client.get(url, {"residual_level": "critical"})) == ["Attrition"]
    assert titles(client.get(url, {"category": "data"})) == ["Data leak"]
    assert titles(client.get(url, {"assessed": "false"})) == ["Not yet scored"]
    assert titles(client.get(url, {"q": "leak"})) == ["Data leak"]
    export = client.get(url, {"export": "csv", "ordering": "-residual_score"})
    body = b"".join(export.streaming_content).decode("utf-8-sig")
    assert export.status_code == 200 and body.count("\n") >= 4 and "Attrition" in body


def test_register_query_count_does_not_grow_with_rows(cast, client):
    client.force_login(cast.manager)
    for _ in range(3):
        assessed(cast)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(reverse("risk:risk_list"))
    for _ in range(30):
        make_risk(cast, vendor=cast.vendor_x, owner=cast.contributor)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("risk:risk_list"))
    assert len(many) == len(few)


def test_create_assess_and_see_history_on_the_page(cast, client):
    client.force_login(cast.contributor)
    response = client.post(
        reverse("risk:risk_create"),
        {
            "program": cast.program_a.pk,
            "title": "Payroll errors",
            "category": "financial",
            "event": "Wrong salaries paid",
            "treatment": "mitigate",
            "review_frequency": "monthly",
            "status": "open",
        },
    )
    risk = Risk.objects.get(title="Payroll errors")
    assert response.status_code == 302 and risk.owner == cast.contributor
    assess_url = reverse("risk:risk_assess", args=[risk.pk])
    bad = client.post(
        assess_url, {"inherent_likelihood": 2, "inherent_impact": 2, "residual_likelihood": 5, "residual_impact": 5}
    )
    assert bad.status_code == 200 and "cannot exceed" in bad.content.decode()
    ok = client.post(
        assess_url,
        {
            "inherent_likelihood": 5,
            "inherent_impact": 4,
            "residual_likelihood": 3,
            "residual_impact": 3,
            "notes": "first look",
        },
    )
    assert ok.status_code == 302
    page = client.get(risk.get_absolute_url()).content.decode()
    assert "20 · Critical" in page and "9 · Medium" in page and "first look" in page


def test_contributor_cannot_pick_another_programs_risk(cast, client):
    client.force_login(cast.contributor)
    response = client.post(reverse("risk:risk_create"), {"program": cast.program_b.pk, "title": "x"})
    assert response.status_code == 200
    assert "program" in response.context["form"].errors


def test_plan_steps_page_saves_ordered_steps(cast, client):
    plan = services.plan_create(by=cast.manager, program=cast.program_a, title="P", scenario="s", triggers="t")
    client.force_login(cast.contributor)
    url = reverse("risk:plan_steps", args=[plan.pk])
    data = {
        "steps-TOTAL_FORMS": 3,
        "steps-INITIAL_FORMS": 0,
        "steps-MIN_NUM_FORMS": 0,
        "steps-MAX_NUM_FORMS": 1000,
        "steps-0-who": "Ops",
        "steps-0-action": "Fail over",
        "steps-0-within_minutes": 15,
        "steps-1-who": "",
        "steps-1-action": "",
        "steps-1-within_minutes": "",
        "steps-2-who": "PM",
        "steps-2-action": "Call sponsor",
        "steps-2-within_minutes": 60,
    }
    assert client.post(url, data).status_code == 302
    assert [(s.order, s.who) for s in plan.steps.all()] == [(1, "Ops"), (2, "PM")]


def test_incident_page_activates_plan_and_ticks_steps(cast, client):
    plan = services.plan_create(by=cast.manager, program=cast.program_a, title="P", scenario="s", triggers="t")
    services.plan_set_steps(plan=plan, by=cast.manager, steps=[{"who": "Ops", "action": "Go", "within_minutes": 5}])
    incident = services.incident_create(
        by=cast.manager,
        program=cast.program_a,
        title="Outage",
        description="d",
        severity="sev1",
        occurred_at=timezone.now() - datetime.timedelta(hours=1),
    )
    client.force_login(cast.contributor)
    client.post(reverse("risk:incident_activate", args=[incident.pk]), {"plan": plan.pk})
    item = incident.checklist.get()
    client.post(reverse("risk:checklist_done", args=[item.pk]))
    item.refresh_from_db()
    assert item.done_by == cast.contributor
    page = client.get(incident.get_absolute_url()).content.decode()
    assert "Contingency plan activated" in page and "Step 1 done" in page


@pytest.mark.parametrize("role", ["viewer", "finance"])
def test_readers_do_not_see_edit_buttons(cast, client, role):
    risk = assessed(cast)
    client.force_login(getattr(cast, role))
    page = client.get(risk.get_absolute_url()).content.decode()
    assert reverse("risk:risk_assess", args=[risk.pk]) not in page


def test_home_panel_shows_risk_counts(cast, client):
    assessed(cast, scores=(5, 5, 5, 4))
    client.force_login(cast.manager)
    page = client.get(reverse("core:home")).content.decode()
    assert 'id="h-risk-panel"' in page
    client.force_login(cast.outsider)
    assert 'id="h-risk-panel"' not in client.get(reverse("core:home")).content.decode()


def test_incident_and_plan_created_through_their_forms(cast, client):
    client.force_login(cast.contributor)
    plan = client.post(
        reverse("risk:plan_create"),
        {
            "program": cast.program_a.pk,
            "title": "Exit from vendor X",
            "scenario": "Contract ends",
            "triggers": "Notice given",
            "exit_plan": "Move to in-house team in 90 days",
            "recovery_time_hours": 72,
        },
    )
    assert plan.status_code == 302
    incident = client.post(
        reverse("risk:incident_create"),
        {
            "program": cast.program_a.pk,
            "title": "Phone outage",
            "description": "Carrier down",
            "severity": "sev2",
            "status": "open",
            "occurred_at": "2026-03-02T09:30",
        },
    )
    assert incident.status_code == 302, incident.context["form"].errors
    page = client.get(incident.url).content.decode()
    assert "Phone outage" in page and "Incident recorded." in page


def test_finding_action_form_offers_only_vendors_tied_to_the_program(cast, client):
    from .records import risk_world

    world = risk_world(cast)
    client.force_login(cast.contributor)
    plan = world["plan"]
    drill = services.drill_schedule(
        plan=plan, by=cast.manager, title="Again", scheduled_for=timezone.localdate(), objectives=["o"]
    )
    services.drill_record_run(
        drill=drill,
        by=cast.manager,
        run_on=timezone.localdate(),
        results={drill.objectives.get().pk: ("met", "")},
        findings=["Spare headsets"],
    )
    url = reverse("risk:finding_action", args=[drill.findings.get().pk])
    form = client.get(url).context["form"]
    owners = set(form.fields["owner"].queryset)
    assert cast.vendor_x_user in owners and cast.manager in owners
    assert cast.vendor_y_admin not in owners
    response = client.post(
        url, {"title": "Buy spares", "owner": cast.vendor_x_user.pk, "due_date": timezone.localdate().isoformat()}
    )
    assert response.status_code == 302
    assert drill.findings.get().corrective_action.owner == cast.vendor_x_user


def test_register_filter_form_as_rendered_lists_every_risk(cast, client):
    """The score drop-downs start empty: a browser submitting the form untouched (a picker's
    choice or *Filter* sends every field) must not filter on likelihood and impact 1."""
    assessed(cast, title="Attrition", scores=(4, 5, 4, 5))
    assessed(cast, title="Data leak", scores=(2, 2, 1, 2))
    client.force_login(cast.manager)
    url = reverse("risk:risk_list")
    page = client.get(url).content.decode()
    sent = {}
    for name in ("inherent_likelihood", "inherent_impact", "residual_likelihood", "residual_impact"):
        select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', page, re.S).group(1)
        options = re.findall(r'<option value="([^"]*)"( selected)?', select)
        # What a browser sends: the selected option, else the first one.
        sent[name] = next((value for value, selected in options if selected), options[0][0])
    assert sent == dict.fromkeys(sent, "")
    listed = client.get(url, {**sent, "program": cast.program_a.code})
    assert sorted(row["obj"].title for row in listed.context["rows"]) == ["Attrition", "Data leak"]
    assert [row["obj"].title for row in client.get(url, {"residual_likelihood": "1"}).context["rows"]] == ["Data leak"]
