"""Every month filter and month field takes a month as YYYY-MM (what the pages show) or as its
first day, YYYY-MM-01 (what the API returns, e.g. an invoice's "period"), and refuses anything else
naming the format (bpo.core.filters.parse_month). The credits' "Periods from" refused 2026-11
("Enter a valid date."), the invoices' "Month" refused 2026-11-01, the budget's cost entry said
"Ensure this value has at most 7 characters"."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from bpo.core.filters import MonthError, parse_month
from contracts.models import RateCardLine
from delivery import invoicing
from delivery.models import CostEntry
from performance.models import Credit, Period
from tests.contracts.factories import contract_of_a

MESSAGE = "Give the month as YYYY-MM, e.g. 2026-11."


@pytest.fixture
def credits(cast):
    """Two credits of program A's contract: one of January's period, one of March's."""
    contract = contract_of_a(cast)
    level = contract.service_levels.get()
    for start in (date(2026, 1, 1), date(2026, 3, 1)):
        period = Period.objects.create(contract=contract, kind="monthly", start=start, end=start.replace(day=28))
        Credit.objects.create(
            period=period, service_level=level, allocation_pct=10, uncapped_amount=Decimal("5"), amount=Decimal("5")
        )
    return contract


def test_parse_month():
    assert parse_month("2026-11") == parse_month("2026-11-01") == parse_month(" 2026-11 ") == date(2026, 11, 1)
    for bad in ("2026-13", "2026-1", "Nov 2026", "2026/11", "2026-11-31", "0000-01", ""):
        with pytest.raises(MonthError) as raised:
            parse_month(bad)
        assert raised.value.code == "invalid", bad
    with pytest.raises(MonthError) as raised:
        parse_month("2026-11-15")
    assert raised.value.code == "not_first" and raised.value.first == "2026-11-01"


@pytest.mark.parametrize("month", ["2026-03", "2026-03-01"])
def test_credits_from_a_month_page_export_and_api(cast, client, credits, month):
    client.force_login(cast.finance)
    url = reverse("performance:credit_list")
    page = client.get(url, {"period_from": month})
    assert page.status_code == 200 and not page.context["filterset"].form.errors
    assert len(page.context["filterset"].qs) == 1
    body = page.content.decode()
    assert 'type="month"' in body and 'name="period_from" value="2026-03"' in body
    export = b"".join(client.get(url, {"period_from": month, "export": "csv"}).streaming_content).decode()
    assert len([line for line in export.splitlines() if line.strip()]) == 2  # header and March's credit
    api = client.get("/api/v1/credits/", {"period_from": month})
    assert api.status_code == 200 and api.json()["count"] == 1
    results = client.get("/api/v1/sla-results/", {"period_from": month})
    assert results.status_code == 200


@pytest.mark.parametrize("bad", ["March 2026", "2026-13", "2026-03-15"])
def test_a_bad_month_names_the_format(cast, client, credits, bad):
    client.force_login(cast.finance)
    page = client.get(reverse("performance:credit_list"), {"period_from": bad}).content.decode()
    api = client.get("/api/v1/credits/", {"period_from": bad})
    assert api.status_code == 400 and "YYYY-MM" in api.json()["errors"][0]["detail"]
    if bad == "2026-03-15":
        assert "Give the month as YYYY-MM or its first day (2026-03-01), not another day of it." in page
    else:
        assert MESSAGE in page


def test_invoices_of_a_month_given_as_its_first_day(cast, client):
    contract = contract_of_a(cast)
    line = RateCardLine.objects.create(contract=contract, item="Hour", unit="hour", rate=Decimal("10"))
    invoice = invoicing.invoice_submit(
        contract=contract,
        by=cast.vendor_x_admin,
        number="FEB-1",
        period="2026-02",
        lines=[{"rate_card_line": line.pk, "quantity": Decimal("1")}],
    )
    client.force_login(cast.finance)
    listed = client.get("/api/v1/invoices/").json()["results"]
    assert listed[0]["period"] == "2026-02-01"
    for month in ("2026-02-01", "2026-02"):
        api = client.get("/api/v1/invoices/", {"period": month})
        assert api.status_code == 200 and [i["number"] for i in api.json()["results"]] == [invoice.number]
        page = client.get(reverse("delivery:invoice_list"), {"period": month})
        assert list(page.context["filterset"].qs) == [invoice]


def test_the_budget_cost_entry_takes_the_first_day_and_names_the_format(cast, client):
    program = cast.program_a
    program.start_date, program.end_date = date(2025, 1, 1), date(2027, 12, 31)
    program.save()
    client.force_login(cast.manager)
    url = reverse("delivery:program_budget", args=[program.pk])
    month = date.today().replace(day=1)
    data = {"category": "training", "amount": "10", "description": "Course"}
    refused = client.post(url, {**data, "period": "Nov 2026"})
    assert refused.status_code == 200 and refused.context["form"].errors["period"] == [MESSAGE]
    assert 'type="month"' in refused.content.decode()
    assert client.post(url, {**data, "period": month.isoformat()}).status_code == 302
    assert list(CostEntry.objects.values_list("period", flat=True)) == [month]
