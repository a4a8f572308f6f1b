"""The charter endpoints filter by program (its id or its code, among the programs the caller may
see): another program's rows are left out, and a program that does not exist, is not visible or is
not a program at all ("abc") is a 400 on `program` with no rows, not a silently ignored filter."""

import datetime
from decimal import Decimal

import pytest

from strategy.models import BudgetLine, Milestone, Objective, ResourceAllocation, ScopeItem, Stakeholder

pytestmark = pytest.mark.django_db

MAKERS = {
    "objectives": lambda p: Objective.objects.create(program=p, statement=f"Goal {p.code}"),
    "scope-items": lambda p: ScopeItem.objects.create(program=p, process=f"Process {p.code}"),
    "budget-lines": lambda p: BudgetLine.objects.create(
        program=p, category="vendor_fees", period="2027", planned_amount=Decimal("10")
    ),
    "milestones": lambda p: Milestone.objects.create(
        program=p, name=f"Go-live {p.code}", phase="transition", baseline_date=datetime.date(2027, 1, 1)
    ),
    "stakeholders": lambda p: Stakeholder.objects.create(program=p, name=f"Owner {p.code}"),
    "resources": lambda p: ResourceAllocation.objects.create(
        program=p, team="Finance", role="Lead", fte=Decimal("1"), start_date=datetime.date(2027, 1, 1)
    ),
}


def _ids(response):
    assert response.status_code == 200, response.content[:300]
    return sorted(row["id"] for row in response.json()["results"])


@pytest.mark.parametrize("prefix", MAKERS)
def test_charter_endpoint_filters_by_program_id_or_code(cast, client, prefix):
    mine, theirs = MAKERS[prefix](cast.program_a), MAKERS[prefix](cast.program_b)
    url = f"/api/v1/{prefix}/"
    client.force_login(cast.admin)
    assert _ids(client.get(url)) == sorted([mine.pk, theirs.pk])
    for value in (cast.program_a.pk, "PA", "pa"):
        assert _ids(client.get(url, {"program": value})) == [mine.pk], value
    assert _ids(client.get(url, {"program": "PB"})) == [theirs.pk]
    for value in ("999", "abc"):
        response = client.get(url, {"program": value})
        assert response.status_code == 400, value
        assert response.json()["errors"][0]["attr"] == "program" and "results" not in response.json()


@pytest.mark.parametrize("prefix", MAKERS)
def test_charter_endpoint_refuses_another_programs_code_like_a_missing_one(cast, client, prefix):
    mine, _theirs = MAKERS[prefix](cast.program_a), MAKERS[prefix](cast.program_b)
    url = f"/api/v1/{prefix}/"
    client.force_login(cast.manager)
    assert _ids(client.get(url, {"program": "PA"})) == [mine.pk]
    missing = client.get(url, {"program": "NO-SUCH"})
    for value in ("PB", cast.program_b.pk):
        other = client.get(url, {"program": value})
        assert other.status_code == 400 and "results" not in other.json()
        assert other.json()["errors"][0]["code"] == missing.json()["errors"][0]["code"]
        assert "Program B" not in other.content.decode()
