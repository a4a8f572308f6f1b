"""Comparing charter revisions matches rows by their id: an edited row is one changed row with
its changed fields (target 3.50 -> 2.50), not a removed row and an added one. Revisions kept
before snapshots held ids are still compared by values."""

from datetime import date
from decimal import Decimal

from django.urls import reverse
from rest_framework.test import APIClient

from strategy.models import BudgetLine, CharterRevision, Milestone, Objective, Program
from strategy.services import charter_item_create, charter_item_update, program_revise
from strategy.services.charter import CHARTER_KINDS, charter_compare, charter_snapshot

from .test_charter_services import approved_charter


def _sections(diff):
    return {s["kind"]: s for s in diff["sections"]}


def test_an_objective_edited_after_a_revision_compares_as_one_changed_row(cast, client):
    approved_charter(cast)
    objective = Objective.objects.get(program=cast.program_a)
    api = APIClient()
    api.force_authenticate(cast.manager)
    assert api.post(f"/api/v1/programs/{cast.program_a.pk}/revise/").status_code == 200
    response = api.patch(f"/api/v1/objectives/{objective.pk}/", {"target": "2.50"}, format="json")
    assert response.status_code == 200, response.content

    client.force_login(cast.manager)
    html = client.get(reverse("strategy:charter_compare", args=[cast.program_a.pk]), {"a": 1}).content.decode()
    assert 'class="removed"' not in html and 'class="added"' not in html
    assert html.count('<tr class="changed">') == 1
    assert "<td>3.50 → 2.50</td>" in html
    assert "<td>Cut cost per call</td>" in html  # an unchanged field of the row shows once

    objectives = _sections(
        charter_compare(
            CharterRevision.objects.get(program=cast.program_a, number=1).snapshot,
            charter_snapshot(Program.objects.get(pk=cast.program_a.pk)),
        )
    )["objective"]
    assert (objectives["added"], objectives["removed"], objectives["unchanged"]) == ([], [], 0)
    (row,) = objectives["changed"]
    assert [(c["old"], c["new"]) for c in row if c["changed"]] == [("3.50", "2.50")]


def test_every_section_shows_an_edited_row_as_changed_and_keeps_added_and_removed(cast):
    approved_charter(cast)
    program_revise(program=cast.program_a, by=cast.manager)
    for kind, data in (
        ("scope", {"process": "Payroll", "in_scope": True, "volume": Decimal("1200")}),
        ("milestone", {"name": "Go-live", "phase": "transition", "baseline_date": date(2027, 3, 1)}),
        ("stakeholder", {"name": "CFO", "influence": "high", "interest": "low", "raci": "A"}),
        ("resource", {"team": "Finance", "role": "Lead", "fte": Decimal("1.0"), "start_date": date(2027, 1, 1)}),
    ):
        charter_item_create(program=cast.program_a, kind=kind, by=cast.manager, **data)
    before = charter_snapshot(Program.objects.get(pk=cast.program_a.pk))
    assert all(len(s["ids"]) == len(s["rows"]) for s in before["sections"].values())

    edits = {
        "objective": {"target": Decimal("2.50")},
        "scope": {"in_scope": False},
        "budget": {"planned_amount": Decimal("90000.00")},
        "milestone": {"forecast_date": date(2027, 4, 1)},
        "stakeholder": {"influence": "low"},
        "resource": {"fte": Decimal("2.0")},
    }
    for kind, data in edits.items():
        model = CHARTER_KINDS[kind][0]
        model.objects.filter(program=cast.program_a).update(**data)
    Milestone.objects.create(program=cast.program_a, name="Exit", phase="renewal_exit", baseline_date=date(2027, 9, 1))
    BudgetLine.objects.filter(program=cast.program_a).update(note="kept")
    sections = _sections(charter_compare(before, charter_snapshot(Program.objects.get(pk=cast.program_a.pk))))

    for kind, data in edits.items():
        section = sections[kind]
        assert len(section["changed"]) == 1 and not section["removed"], kind
        (row,) = section["changed"]
        fields = CHARTER_KINDS[kind][1]
        changed = {fields[i] for i, c in enumerate(row) if c["changed"]}
        assert changed == set(data) | ({"note"} if kind == "budget" else set()), kind
    assert [c["new"] for c in sections["scope"]["changed"][0] if c["changed"]] == ["No"]
    assert [c["old"] for c in sections["stakeholder"]["changed"][0] if c["changed"]] == ["High"]
    assert [r[0] for r in sections["milestone"]["added"]] == ["Exit"]


def test_a_deleted_row_is_removed_and_a_new_one_added(cast):
    approved_charter(cast)
    program = program_revise(program=cast.program_a, by=cast.manager)
    objective = Objective.objects.get(program=program)
    charter_item_update(item=objective, by=cast.manager, statement="Cut cost per call further")
    before = charter_snapshot(program)
    objective.delete()
    charter_item_create(
        program=program, kind="objective", by=cast.manager, statement="Cut cost per call further", target=1
    )
    objectives = _sections(charter_compare(before, charter_snapshot(program)))["objective"]
    assert len(objectives["removed"]) == 1 and len(objectives["added"]) == 1 and not objectives["changed"]


def test_a_revision_kept_without_row_ids_still_compares_by_values(cast):
    approved_charter(cast)
    program = program_revise(program=cast.program_a, by=cast.manager)
    old = charter_snapshot(program)
    for section in old["sections"].values():
        del section["ids"]
    Objective.objects.filter(program=program).update(target=Decimal("2.50"))
    objectives = _sections(charter_compare(old, charter_snapshot(program)))["objective"]
    assert [r[4] for r in objectives["removed"]] == ["3.50"]
    assert [r[4] for r in objectives["added"]] == ["2.50"]
    assert not objectives["changed"]
