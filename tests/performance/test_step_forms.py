"""The step forms of the initiative and service-level pages: a refusal shows the page again with
the error next to the field it names and what was typed kept (no redirect with a banner); a
realized benefit is never negative and says how it was measured."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from performance.improvement import services
from performance.models import Period

from .helpers import level, samples


def _initiative(cast, status="idea"):
    item = services.initiative_create(
        by=cast.contributor, program=cast.program_a, title="Automate matching", benefit_unit="hours/month"
    )
    item = services.initiative_update(initiative=item, by=cast.contributor, expected_benefit=Decimal("150"))
    if status in ("approved", "implemented"):
        item = services.initiative_approve(initiative=item, by=cast.manager)
    if status == "implemented":
        item = services.initiative_implement(initiative=item, by=cast.contributor, implemented_on=date(2026, 3, 1))
    return item


def _step(client, item, step, data):
    return client.post(reverse("performance:initiative_step", args=[item.pk, step]), data)


def _field_block(page, name):
    return page.split(f'name="{name}"')[1].split('<div class="field')[0]


def test_rejecting_without_a_reason_names_the_reason_on_the_page(cast, client):
    item = _initiative(cast)
    client.force_login(cast.manager)
    response = _step(client, item, "reject", {"reason": "   "})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Give the reason for rejecting." in _field_block(page, "reason")
    assert "This field is required." not in page
    item.refresh_from_db()
    assert item.status == "idea"


def test_a_negative_realized_benefit_is_refused_and_the_typed_values_stay(cast, client):
    item = _initiative(cast, "implemented")
    client.force_login(cast.contributor)
    response = _step(client, item, "measure", {"realized_benefit": "-5", "measured_on": "2026-04-01", "note": ""})
    assert response.status_code == 200
    page = response.content.decode()
    assert "The realized benefit cannot be negative." in _field_block(page, "realized_benefit")
    assert 'value="-5"' in page and 'value="2026-04-01"' in page
    assert "Say how the benefit was measured." in _field_block(page, "note")
    item.refresh_from_db()
    assert item.status == "implemented" and item.realized_benefit is None


def test_a_service_refusal_lands_next_to_its_field_with_the_typed_note(cast, client):
    item = _initiative(cast, "implemented")
    client.force_login(cast.contributor)
    # measured before the implementation (2026-03-01): refused by the service
    data = {"realized_benefit": "90", "measured_on": "2026-02-01", "note": "Time study typed"}
    page = _step(client, item, "measure", data).content.decode()
    assert "The benefit is measured after the implementation." in _field_block(page, "measured_on")
    assert "Time study typed" in page
    _step(client, item, "measure", {**data, "measured_on": "2026-04-01"})
    item.refresh_from_db()
    assert item.status == "measured" and item.measurement_note == "Time study typed"


def test_the_service_refuses_a_negative_benefit_or_no_method(cast):
    item = _initiative(cast, "implemented")
    with pytest.raises(ValidationError) as refused:
        services.initiative_measure(initiative=item, by=cast.contributor, realized_benefit=Decimal("-1"), note="x")
    assert "realized_benefit" in refused.value.error_dict
    with pytest.raises(ValidationError) as refused:
        services.initiative_measure(initiative=item, by=cast.contributor, realized_benefit=Decimal("1"), note=" ")
    assert "note" in refused.value.error_dict


def test_reopening_refused_shows_the_error_next_to_the_reason_with_what_was_typed(cast, client):
    from performance.services import contract_run
    from tests.contracts.factories import ContractFactory

    from .helpers import at

    contract = ContractFactory(program=cast.program_a, vendor=cast.vendor_x, status="active", terms_version=1)
    sl = level(contract, "ASA20", measure="percent_within", threshold=20, expected=80, minimum=75, allocation_pct=40)
    samples(sl, [10] * 18 + [99] * 7)
    contract_run(contract_id=contract.pk, now=at(2026, 2, 10))
    jan = Period.objects.get(contract=contract, start=date(2026, 1, 1))
    client.force_login(cast.manager)
    url = reverse("performance:period_reopen", args=[jan.pk])
    response = client.post(url, {"reason": "  "})
    assert response.status_code == 200
    page = response.content.decode()
    assert f'id="reopen-{jan.pk}-error"' in page and "Say why the period is reopened." in page
    client.post(url, {"reason": "Disputed data"})
    response = client.post(url, {"reason": "Typed second reason"}, follow=True)  # now provisional: no form
    assert "Only a finalized period can be reopened." in response.content.decode()


def test_reopening_reason_is_at_most_2000_characters(cast, client):
    """As a dispute's reason: longer is refused next to the field with what was typed kept, and by
    the service; the field says its limit."""
    from performance.services import contract_run, period_reopen
    from tests.contracts.factories import ContractFactory

    from .helpers import at

    contract = ContractFactory(program=cast.program_a, vendor=cast.vendor_x, status="active", terms_version=1)
    sl = level(contract, "ASA20", measure="percent_within", threshold=20, expected=80, minimum=75, allocation_pct=40)
    samples(sl, [10] * 18 + [99] * 7)
    contract_run(contract_id=contract.pk, now=at(2026, 2, 10))
    jan = Period.objects.get(contract=contract, start=date(2026, 1, 1))
    with pytest.raises(ValidationError) as refused:
        period_reopen(period=jan, by=cast.manager, reason="x" * 2001)
    assert "reason" in refused.value.error_dict

    client.force_login(cast.manager)
    assert 'maxlength="2000"' in client.get(reverse("performance:dashboard", args=[contract.pk])).content.decode()
    typed = "Late data " + "x" * 1995
    response = client.post(reverse("performance:period_reopen", args=[jan.pk]), {"reason": typed})
    assert response.status_code == 200
    page = response.content.decode()
    error = page[page.index(f'id="reopen-{jan.pk}-error"') :]
    assert "At most 2000 characters; this reason has 2005." in error[:300]
    assert f'value="{typed}"' in page
    jan.refresh_from_db()
    assert jan.status == "finalized" and not jan.reopenings.exists()

    reason = "Late data " + "x" * 1990  # 2,000 exactly
    assert client.post(reverse("performance:period_reopen", args=[jan.pk]), {"reason": reason}).status_code == 302
    assert jan.reopenings.get().reason == reason
