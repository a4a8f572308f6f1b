"""The transition checklist is the transition gate: go-live waits for the mandatory items."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from delivery.plan_services import transition_item_complete, transition_item_reopen
from strategy.services.gates import gate_checklist, gate_pass

from .plan_factories import item


def _in_transition(program):
    program.phase = "transition"
    program.save(update_fields=["phase"])
    return program


def _gate(program):
    return next(g for g in gate_checklist(program) if g["phase"] == "transition")


def test_the_gate_lists_the_open_mandatory_items_and_refuses_go_live(cast):
    program = _in_transition(cast.program_a)
    assert not _gate(program)["met"]  # no checklist yet
    item(program, "Run books handed over", category="knowledge_transfer")
    item(program, "Two weeks of parallel run", category="parallel_run")
    item(program, "Nice to have: posters", mandatory=False)
    gate = _gate(program)
    assert not gate["met"] and "Run books handed over; Two weeks of parallel run" in str(gate["missing"][0])
    assert "posters" not in str(gate["missing"][0])
    with pytest.raises(ValidationError) as exc:
        gate_pass(program=program, by=cast.manager)
    assert "override_reason" in exc.value.message_dict
    program.refresh_from_db()
    assert program.phase == "transition"


def test_done_items_open_the_gate(cast):
    program = _in_transition(cast.program_a)
    kt = item(program, "Run books handed over")
    optional = item(program, "Posters", mandatory=False)
    with pytest.raises(ValidationError):
        transition_item_complete(item=kt, by=cast.contributor, evidence="  ")
    with pytest.raises(PermissionDenied):
        transition_item_complete(item=kt, by=cast.viewer, evidence="Signed")
    transition_item_complete(item=kt, by=cast.contributor, evidence="Sign-off sheet 12 May")
    assert _gate(program)["met"] and not optional.is_done
    gate = gate_pass(program=program, by=cast.manager)
    program.refresh_from_db()
    assert program.phase == "steady_state" and gate.override_reason == ""


def test_a_manager_overrides_the_open_items_with_a_reason(cast):
    program = _in_transition(cast.program_a)
    item(program, "Disaster recovery test")
    with pytest.raises(PermissionDenied):
        gate_pass(program=program, by=cast.contributor, override_reason="Go anyway")
    gate = gate_pass(program=program, by=cast.manager, override_reason="DR test booked for week 2, board accepts")
    program.refresh_from_db()
    assert program.phase == "steady_state" and gate.override_reason.startswith("DR test")


def test_reopening_an_item_closes_the_gate_again(cast):
    program = _in_transition(cast.program_a)
    kt = item(program, "Run books")
    transition_item_complete(item=kt, by=cast.manager, evidence="Handed over")
    with pytest.raises(PermissionDenied):
        transition_item_reopen(item=kt, by=cast.contributor)
    transition_item_reopen(item=kt, by=cast.manager)
    assert not _gate(program)["met"]


def test_go_live_through_the_program_page_names_the_open_items_and_needs_a_reason(cast, client):
    from django.urls import reverse

    program = _in_transition(cast.program_a)
    item(program, "Support desk staffed")
    client.force_login(cast.manager)
    page = client.get(program.get_absolute_url()).content.decode()
    assert "Finish the mandatory transition items: Support desk staffed" in page
    url = reverse("strategy:gate_pass", args=[program.pk])
    response = client.post(url, {"override_reason": ""})
    assert response.status_code == 200 and "Support desk staffed" in response.content.decode()
    program.refresh_from_db()
    assert program.phase == "transition"
    assert client.post(url, {"override_reason": "Desk staffed from Monday; board accepts"}).status_code == 302
    program.refresh_from_db()
    assert program.phase == "steady_state" and program.gates.get(phase="transition").override_reason
