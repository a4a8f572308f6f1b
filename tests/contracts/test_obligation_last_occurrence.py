"""A recurring obligation marked done moves to its next due date, unless that date falls after
2099-12-31 (bpo.core.dates.LAST_DATE): then the last occurrence stays done, with its evidence and
its date, and the user is told why no next one was opened. Before, the staff form and the API
refused the save with a due-date error the user had not typed, the portal opened an occurrence
in 2100, and a due date near 9999 answered a 500. The same through the staff page, the portal
and the API."""

from datetime import date

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from rest_framework.test import APIClient

from contracts import services
from contracts.choices import Recurrence
from contracts.models import Obligation
from contracts.services.terms import next_due_date

from .factories import ContractFactory

NOTE = "This was the last occurrence: the next one would fall after 2099-12-31, so the obligation stays done."


@pytest.fixture
def contract(cast):
    return ContractFactory(program=cast.program_a, vendor=cast.vendor_x, status="active")


def _obligation(contract, due, recurrence="monthly"):
    return Obligation.objects.create(
        contract=contract,
        party="vendor",
        category="reporting",
        title="Monthly report",
        due_date=due,
        recurrence=recurrence,
    )


def test_next_due_date_stops_at_2099_and_never_overflows():
    assert next_due_date(date(2099, 11, 30), Recurrence.MONTHLY) == date(2099, 12, 30)
    assert next_due_date(date(2099, 12, 5), Recurrence.MONTHLY) is None
    assert next_due_date(date(2099, 11, 5), Recurrence.QUARTERLY) is None
    assert next_due_date(date(9999, 12, 1), Recurrence.MONTHLY) is None  # was a ValueError (500)
    assert next_due_date(date(2026, 3, 5), Recurrence.NONE) is None


def test_the_service_keeps_the_last_occurrence_done(cast, contract):
    obligation = _obligation(contract, date(2099, 12, 5))
    services.obligation_update(obligation=obligation, by=cast.manager, status="done", evidence="Sent")
    obligation.refresh_from_db()
    assert (obligation.status, obligation.due_date, obligation.evidence) == ("done", date(2099, 12, 5), "Sent")
    assert str(services.last_occurrence_done(obligation)) == NOTE
    # One before the last still moves on and stays open.
    earlier = _obligation(contract, date(2099, 11, 5))
    services.obligation_update(obligation=earlier, by=cast.manager, status="done", evidence="Sent")
    earlier.refresh_from_db()
    assert (earlier.status, earlier.due_date) == ("open", date(2099, 12, 5))
    assert services.last_occurrence_done(earlier) == ""


def test_the_staff_form_saves_it_done_and_says_why(cast, contract, client):
    obligation = _obligation(contract, date(2099, 12, 5), recurrence="yearly")
    client.force_login(cast.manager)
    data = {"party": "vendor", "category": "reporting", "title": "Monthly report", "due_date": "2099-12-05"}
    data.update(recurrence="yearly", status="done", evidence="Certificate 2099")
    response = client.post(reverse("contracts:obligation_update", args=[obligation.pk]), data)
    assert response.status_code == 302, response.context and response.context["form"].errors
    assert NOTE in [str(m) for m in get_messages(response.wsgi_request)]
    obligation.refresh_from_db()
    assert (obligation.status, obligation.due_date, obligation.evidence) == (
        "done",
        date(2099, 12, 5),
        "Certificate 2099",
    )


def test_the_api_saves_it_done(cast, contract):
    obligation = _obligation(contract, date(2099, 12, 5), recurrence="quarterly")
    api = APIClient()
    api.force_authenticate(cast.manager)
    response = api.patch(f"/api/v1/obligations/{obligation.pk}/", {"status": "done", "evidence": "x"}, format="json")
    assert response.status_code == 200, response.content
    assert (response.json()["status"], response.json()["due_date"]) == ("done", "2099-12-05")


def test_the_portal_records_the_evidence_and_keeps_it_done(cast, contract, client):
    obligation = _obligation(contract, date(2099, 11, 30), recurrence="quarterly")
    client.force_login(cast.vendor_x_user)
    response = client.post(reverse("portal:obligation_evidence", args=[obligation.pk]), {"evidence": "Q4 report"})
    assert response.status_code == 302
    assert NOTE in [str(m) for m in get_messages(response.wsgi_request)]
    obligation.refresh_from_db()
    assert (obligation.status, obligation.due_date, obligation.evidence) == ("done", date(2099, 11, 30), "Q4 report")
