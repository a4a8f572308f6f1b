"""A record's program is set when it is created and never changed: a PUT/PATCH naming another
program is a 400 on `program` (read-only there; the same program is accepted, as a GET body sent
back), where plan tasks, work packages, transition items, status reports, quality standards and
reviews and the charter's rows answered 200 and silently kept their program (user test: the
unknown-field message even offered `program` as writable)."""

from datetime import date

import pytest

from delivery.models import TransitionItem
from strategy.models import Milestone
from tests.delivery.plan_factories import package, task
from tests.performance.quality_helpers import standard

JSON = "application/json"


def _records(cast):
    a = cast.program_a
    return {
        "plan-tasks": task(a, "Cut-over", 1, 10),
        "work-packages": package(a),
        "transition-items": TransitionItem.objects.create(program=a, category="go_live", title="Desk staffed"),
        "quality-standards": standard(cast),
        "milestones": Milestone.objects.create(
            program=a, name="Exit", phase="renewal_exit", baseline_date=date(2027, 9, 1)
        ),
    }


@pytest.mark.parametrize(
    "route", ["plan-tasks", "work-packages", "transition-items", "quality-standards", "milestones"]
)
def test_another_program_is_refused_the_same_accepted(cast, client, route):
    record = _records(cast)[route]
    client.force_login(cast.admin)  # may write in both programs
    url = f"/api/v1/{route}/{record.pk}/"
    response = client.patch(url, {"program": cast.program_b.pk}, content_type=JSON)
    assert response.status_code == 400, response.content
    (error,) = response.json()["errors"]
    assert (error["attr"], error["code"]) == ("program", "read_only")
    record.refresh_from_db()
    assert record.program_id == cast.program_a.pk
    assert client.patch(url, {"program": cast.program_a.pk}, content_type=JSON).status_code == 200
