"""Rate card lines are edited and deleted on the page and through the API, only while the contract
is a draft; a line billed on an invoice is never deleted and keeps its rate."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from contracts import services
from contracts.models import RateCardLine

from .factories import ContractFactory


@pytest.fixture
def draft(cast):
    return ContractFactory(program=cast.program_a, vendor=cast.vendor_x, status="draft")


def _line(contract, item="Agent hour", rate="30"):
    return RateCardLine.objects.create(contract=contract, item=item, unit="hour", rate=Decimal(rate))


def _bill(line, cast):
    from delivery.models import Invoice, InvoiceLine

    invoice = Invoice.objects.create(
        contract=line.contract, number="INV-7", period=date(2026, 1, 1), submitted_by=cast.vendor_x_admin
    )
    InvoiceLine.objects.create(
        invoice=invoice, rate_card_line=line, description="x", quantity=1, rate=line.rate, amount=line.rate
    )


def test_manager_edits_and_deletes_a_line_on_the_page(cast, client, draft):
    line = _line(draft)
    client.force_login(cast.manager)
    page = client.get(reverse("contracts:contract_detail", args=[draft.pk]))
    assert reverse("contracts:rate_update", args=[line.pk]).encode() in page.content
    response = client.post(
        reverse("contracts:rate_update", args=[line.pk]), {"item": "Senior agent hour", "unit": "hour", "rate": "35"}
    )
    assert response.status_code == 302
    line.refresh_from_db()
    assert (line.item, line.rate) == ("Senior agent hour", Decimal("35"))
    client.post(reverse("contracts:rate_delete", args=[line.pk]))
    assert not RateCardLine.objects.filter(pk=line.pk).exists()


def test_lines_of_a_signed_contract_do_not_change(cast, client):
    active = ContractFactory(program=cast.program_a, vendor=cast.vendor_x, status="active", terms_version=1)
    line = _line(active)
    client.force_login(cast.manager)
    response = client.post(reverse("contracts:rate_delete", args=[line.pk]), follow=True)
    assert RateCardLine.objects.filter(pk=line.pk).exists()
    assert "only while the contract is a draft" in response.content.decode()
    response = client.post(reverse("contracts:rate_update", args=[line.pk]), {"item": "x", "unit": "hour", "rate": "1"})
    assert response.status_code == 200  # the form again, with the reason
    line.refresh_from_db()
    assert line.rate == Decimal("30")


def test_a_billed_line_is_not_deleted_and_keeps_its_rate(cast, draft):
    line = _line(draft)
    _bill(line, cast)
    with pytest.raises(ValidationError, match="INV-7"):
        services.rate_card_line_delete(line=line, by=cast.manager)
    with pytest.raises(ValidationError, match="rate cannot change"):
        services.rate_card_line_update(line=line, by=cast.manager, rate=Decimal("40"))
    services.rate_card_line_update(line=line, by=cast.manager, item="Agent hour (day shift)", rate=Decimal("30"))
    line.refresh_from_db()
    assert line.item == "Agent hour (day shift)"
    assert RateCardLine.objects.filter(pk=line.pk).exists()


def test_rate_card_api(cast, client, draft):
    client.force_login(cast.manager)
    created = client.post(
        "/api/v1/rate-card-lines/",
        {"contract": draft.pk, "item": "Ticket", "unit": "ticket", "rate": "2.5"},
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    duplicate = client.post(
        "/api/v1/rate-card-lines/",
        {"contract": draft.pk, "item": "Ticket", "unit": "ticket", "rate": "3"},
        content_type="application/json",
    )
    assert duplicate.status_code == 400
    patched = client.patch(f"/api/v1/rate-card-lines/{pk}/", {"rate": "2.75"}, content_type="application/json")
    assert patched.status_code == 200 and patched.json()["rate"].startswith("2.75")
    line = RateCardLine.objects.get(pk=pk)
    _bill(line, cast)
    refused = client.delete(f"/api/v1/rate-card-lines/{pk}/")
    assert refused.status_code == 400 and "INV-7" in refused.content.decode()
    client.force_login(cast.viewer)
    assert (
        client.patch(f"/api/v1/rate-card-lines/{pk}/", {"rate": "1"}, content_type="application/json").status_code
        == 403
    )
    assert client.delete(f"/api/v1/rate-card-lines/{pk}/").status_code == 403
    client.force_login(cast.manager)
    other = _line(draft, item="Unused")
    # DELETE honours If-Match like PUT/PATCH: a stale version is a 409 and the line stays.
    tag = client.get(f"/api/v1/rate-card-lines/{other.pk}/")["ETag"]
    client.patch(f"/api/v1/rate-card-lines/{other.pk}/", {"rate": "9"}, content_type="application/json")
    stale = client.delete(f"/api/v1/rate-card-lines/{other.pk}/", HTTP_IF_MATCH=tag)
    assert stale.status_code == 409 and RateCardLine.objects.filter(pk=other.pk).exists()
    fresh = client.get(f"/api/v1/rate-card-lines/{other.pk}/")["ETag"]
    assert client.delete(f"/api/v1/rate-card-lines/{other.pk}/", HTTP_IF_MATCH=fresh).status_code == 204
    assert not RateCardLine.objects.filter(pk=other.pk).exists()


def test_a_refused_line_shows_its_errors_next_to_the_fields_and_keeps_what_was_typed(cast, client, draft):
    client.force_login(cast.manager)
    response = client.post(
        reverse("contracts:rate_add", args=[draft.pk]), {"item": "Payslip long name", "unit": "", "rate": "-5"}
    )
    assert response.status_code == 200
    form = response.context["rate_form"]
    assert set(form.errors) == {"unit", "rate"}
    html = response.content.decode()
    assert 'value="Payslip long name"' in html and 'value="-5"' in html
    assert not RateCardLine.objects.filter(contract=draft).exists()


def test_a_duplicate_line_is_refused_on_the_page_with_the_typed_values(cast, client, draft):
    _line(draft)
    client.force_login(cast.manager)
    response = client.post(
        reverse("contracts:rate_add", args=[draft.pk]), {"item": "Agent hour", "unit": "hour", "rate": "31"}
    )
    assert response.status_code == 200
    assert response.context["rate_form"].errors
    assert 'value="31"' in response.content.decode()
    assert RateCardLine.objects.filter(contract=draft).count() == 1


def test_an_added_line_returns_to_the_rate_card(cast, client, draft):
    client.force_login(cast.manager)
    response = client.post(
        reverse("contracts:rate_add", args=[draft.pk]), {"item": "Payslip", "unit": "each", "rate": "2.5"}
    )
    assert response.status_code == 302 and response.url.endswith("#rates")
    assert RateCardLine.objects.get(contract=draft).rate == Decimal("2.5")
