"""A certification's dates run from 2000 to 2099 and it does not expire before it is valid (valid
from 2026-01-01 but expiring 2020-01-01 was saved, and dates of 1899); a sourcing event's deadlines
run from 2000 to 2099 in the program's time zone (a submission deadline of 3000-01-01 kept the
proposals sealed for ever). Next to the field on the form, keeping what was typed; 400 on the API."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from tests.strategy.test_program_pages import _field_block
from vendors.models import SourcingEvent, VendorCertification
from vendors.services import vendor_item_create


@pytest.mark.parametrize(
    ("dates", "field", "text"),
    [
        ({"valid_from": date(2026, 1, 1), "expires_on": date(2020, 1, 1)}, "expires_on", "before the valid-from"),
        ({"valid_from": date(1899, 1, 1)}, "valid_from", "2000-01-01"),
        ({"expires_on": date(1899, 12, 31)}, "expires_on", "2000-01-01"),
    ],
)
def test_a_certification_with_impossible_dates_is_refused(cast, dates, field, text):
    with pytest.raises(ValidationError) as exc:
        vendor_item_create(vendor=cast.vendor_x, kind="certification", by=cast.admin, name="ISO 27001", **dates)
    assert text in exc.value.message_dict[field][0]
    assert not VendorCertification.objects.exists()


def test_the_certification_form_shows_the_refusal_next_to_the_field_keeping_what_was_typed(cast, client):
    client.force_login(cast.admin)
    url = reverse("vendors:vendor_item_create", args=[cast.vendor_x.pk, "certification"])
    response = client.post(url, {"name": "ISO 27001", "valid_from": "2026-01-01", "expires_on": "2020-01-01"})
    assert response.status_code == 200
    block = _field_block(response.content.decode(), "expires_on")
    assert "cannot be before the valid-from date" in block and 'value="2020-01-01"' in block
    assert not VendorCertification.objects.exists()
    response = client.post(url, {"name": "ISO 27001", "valid_from": "2026-01-01", "expires_on": "2029-01-01"})
    assert response.status_code == 302 and VendorCertification.objects.count() == 1


def test_the_event_form_refuses_a_deadline_in_3000_keeping_what_was_typed(cast, client):
    client.force_login(cast.manager)
    questions = (timezone.now() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    data = {
        "program": cast.program_a.pk,
        "kind": "rfp",
        "title": "Far away",
        "questions_deadline": questions,
        "submission_deadline": "3000-01-01T09:00",
    }
    response = client.post(reverse("vendors:event_create"), data)
    assert response.status_code == 200
    block = _field_block(response.content.decode(), "submission_deadline")
    assert "2099-12-31" in block and "3000-01-01" in block
    assert not SourcingEvent.objects.exists()


@pytest.mark.parametrize("deadline", ["3000-01-01T09:00:00Z", "9999-12-31T23:00:00Z", "1999-12-31T09:00:00Z"])
def test_the_event_api_answers_400_on_the_deadline(cast, deadline):
    api = APIClient()
    api.force_authenticate(cast.manager)
    body = {
        "program": cast.program_a.pk,
        "kind": "tender",
        "title": "Far away",
        "questions_deadline": "1999-12-01T09:00:00Z" if deadline.startswith("1999") else "2026-12-10T09:00:00Z",
        "submission_deadline": deadline,
    }
    response = api.post("/api/v1/sourcing-events/", body, format="json")
    assert response.status_code == 400, response.content
    assert "submission_deadline" in {e["attr"] for e in response.json()["errors"]}
    assert not SourcingEvent.objects.exists()


def test_due_diligence_of_1899_is_refused_on_the_field():
    from vendors.models import DueDiligence

    with pytest.raises(ValidationError) as exc:
        DueDiligence(performed_on=date(1899, 1, 1)).clean()
    assert "2000-01-01" in exc.value.message_dict["performed_on"][0]
    DueDiligence(performed_on=date(2026, 11, 2)).clean()
