"""A budget line's period lies within the program's term (as a cost entry's month) and shares no
month with another line of its category: 1999, 2026-Q1 twice, or 2026-01 beside 2026-Q1 were
saved, and the planned total and the burn chart counted those months twice."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from strategy.models import BudgetLine
from strategy.periods import periods_overlap
from strategy.services import charter_item_create, charter_item_update


@pytest.fixture
def program(cast):
    cast.program_a.start_date, cast.program_a.end_date = date(2026, 1, 1), date(2028, 6, 30)
    cast.program_a.save(update_fields=["start_date", "end_date"])
    return cast.program_a


def _add(program, by, period, category="training"):
    return charter_item_create(
        program=program, kind="budget", by=by, category=category, period=period, planned_amount=Decimal("100")
    )


@pytest.mark.parametrize(
    ("one", "other", "overlap"),
    [
        ("2026-Q1", "2026-Q1", True),
        ("2026-01", "2026-Q1", True),
        ("2026-Q1", "2026-03", True),
        ("2026", "2026-11", True),
        ("2026-Q2", "2026", True),
        ("2026-Q1", "2026-04", False),
        ("2026-Q1", "2026-Q2", False),
        ("2026", "2027-01", False),
    ],
)
def test_periods_overlap_when_they_share_a_month(one, other, overlap):
    assert periods_overlap(one, other) is overlap
    assert periods_overlap(other, one) is overlap


@pytest.mark.parametrize("period", ["2025", "2025-Q4", "2025-12", "2028", "2028-Q3", "2028-07"])
def test_a_period_outside_the_programs_term_is_refused(cast, program, period):
    with pytest.raises(ValidationError) as exc:
        _add(program, cast.manager, period)
    assert "outside the program's term (2026-01 to 2028-06)" in exc.value.message_dict["period"][0]
    assert not BudgetLine.objects.exists()


@pytest.mark.parametrize("period", ["2026", "2026-Q1", "2028-Q2", "2028-06"])
def test_a_period_within_the_term_is_saved(cast, program, period):
    assert _add(program, cast.manager, period).pk


def test_without_a_term_the_period_keeps_to_2000_2099(cast):
    with pytest.raises(ValidationError) as exc:
        _add(cast.program_a, cast.manager, "1999")
    assert "2000-01-01" in exc.value.message_dict["period"][0]
    assert _add(cast.program_a, cast.manager, "2099-12").pk


@pytest.mark.parametrize(("first", "second"), [("2026-Q1", "2026-Q1"), ("2026-Q1", "2026-01"), ("2026-02", "2026")])
def test_a_line_sharing_months_with_another_of_its_category_is_refused(cast, program, first, second):
    _add(program, cast.manager, first)
    with pytest.raises(ValidationError) as exc:
        _add(program, cast.manager, second)
    assert f"already has a line for {first}" in exc.value.message_dict["period"][0]
    # Another category, or the next quarter, is its own line.
    assert _add(program, cast.manager, second, category="technology").pk
    assert _add(program, cast.manager, "2026-Q2").pk
    assert BudgetLine.objects.count() == 3


def test_a_line_changed_onto_another_lines_months_is_refused_and_keeps_its_own(cast, program):
    _add(program, cast.manager, "2026-Q1")
    line = _add(program, cast.manager, "2026-Q2")
    assert charter_item_update(item=line, by=cast.manager, planned_amount=Decimal("5")).planned_amount == 5
    with pytest.raises(ValidationError):
        charter_item_update(item=line, by=cast.manager, period="2026-03")
    line.refresh_from_db()
    assert line.period == "2026-Q2"


def test_the_form_shows_the_refusal_next_to_the_period_keeping_what_was_typed(cast, program, client):
    _add(program, cast.manager, "2026-Q1")
    client.force_login(cast.manager)
    url = reverse("strategy:charter_item_create", args=[program.pk, "budget"])
    for period, text in (("2026-01", "already has a line for 2026-Q1"), ("1999", "outside the program")):
        response = client.post(url, {"category": "training", "period": period, "planned_amount": "250"})
        html = response.content.decode()
        assert response.status_code == 200
        assert text in html.replace("&#x27;", "'")
        assert f'value="{period}"' in html and 'value="250"' in html
    assert BudgetLine.objects.count() == 1


def test_the_api_answers_400_on_the_period(cast, program):
    _add(program, cast.manager, "2026-Q1")
    api = APIClient()
    api.force_authenticate(cast.manager)
    for period in ("2026-Q1", "2026-02", "2029"):
        body = {"program": program.pk, "category": "training", "period": period, "planned_amount": "1"}
        response = api.post("/api/v1/budget-lines/", body, format="json")
        assert response.status_code == 400, response.content
        assert "period" in str(response.json())
    assert BudgetLine.objects.count() == 1
