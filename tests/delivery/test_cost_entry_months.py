"""A cost entry is for a month within the program's term that has started (as invoices refuse a
month not started): other months are refused next to the field instead of counting nowhere."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from delivery import budget
from delivery.models import CostEntry
from delivery.models.cost import cost_month_refused


@pytest.fixture
def program(cast):
    program = cast.program_a
    program.start_date, program.end_date = date(2025, 1, 1), date(2027, 12, 31)
    program.save()
    return program


def _post(client, program, period):
    url = reverse("delivery:program_budget", args=[program.pk])
    return client.post(url, {"category": "training", "period": period, "amount": "10", "description": "Course"})


@pytest.mark.parametrize("period", ["2030-01", "2020-01"])
def test_a_month_outside_the_term_or_not_started_is_refused_next_to_the_field(cast, client, program, period):
    client.force_login(cast.manager)
    response = _post(client, program, period)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == ["period"] and period in errors["period"][0]
    assert f'value="{period}"' in response.content.decode()  # what was typed is kept
    assert not CostEntry.objects.exists()


def test_the_month_under_way_within_the_term_is_recorded(cast, client, program):
    client.force_login(cast.manager)
    response = _post(client, program, date.today().strftime("%Y-%m"))
    assert response.status_code == 302
    assert CostEntry.objects.count() == 1


def test_the_rule_reads_the_program_term_and_today():
    class P:
        start_date, end_date, time_zone = date(2025, 3, 15), date(2026, 6, 30), "UTC"

    today = date(2026, 2, 10)
    assert cost_month_refused(date(2026, 2, 1), P, today) is None
    assert cost_month_refused(date(2025, 3, 1), P, today) is None  # the term's first month
    assert "2026-03" in cost_month_refused(date(2026, 3, 1), P, today)  # not started
    assert "2025-02" in cost_month_refused(date(2025, 2, 1), P, today)  # before the term
    P.start_date = P.end_date = None
    assert cost_month_refused(date(2001, 1, 1), P, today) is None


def test_the_service_and_the_model_refuse_it(cast, program):
    with pytest.raises(ValidationError) as exc:
        budget.cost_entry_create(
            program=program,
            by=cast.manager,
            category="training",
            period="2020-01",
            amount=Decimal("1"),
            description="x",
        )
    assert list(exc.value.message_dict) == ["period"]
    entry = CostEntry(
        program=program,
        category="training",
        period=date(2030, 1, 1),
        amount=1,
        description="x",
        created_by=cast.manager,
    )
    with pytest.raises(ValidationError) as exc:
        entry.full_clean()
    assert list(exc.value.message_dict) == ["period"]


def test_a_cost_of_nothing_is_refused_next_to_the_amount(cast, program, client):
    """User test: a cost entry of 0.00 was saved (a line in the list, nothing in the figures)."""
    with pytest.raises(ValidationError) as exc:
        budget.cost_entry_create(
            program=program,
            by=cast.manager,
            category="training",
            period=f"{program.start_date:%Y-%m}",
            amount=Decimal("0.00"),
            description="Nothing",
        )
    assert exc.value.message_dict == {"amount": ["Enter the amount of the cost (more than 0)."]}
    client.force_login(cast.manager)
    response = client.post(
        reverse("delivery:program_budget", args=[program.pk]),
        {"category": "training", "period": f"{program.start_date:%Y-%m}", "amount": "0", "description": "Nothing"},
    )
    assert "Enter the amount of the cost (more than 0)." in response.content.decode()
    assert response.context["form"].errors["amount"] == ["Enter the amount of the cost (more than 0)."]
    assert not CostEntry.objects.exists()
