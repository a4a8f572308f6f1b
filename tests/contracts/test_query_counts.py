"""List pages and endpoints run the same number of queries at 5 rows and at 50 (STYLE.md)."""

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from performance.models import Credit, Period
from tests.performance.helpers import level

from .factories import ContractFactory


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def _add_contracts(cast, n, start):
    for i in range(n):
        contract = ContractFactory(
            program=cast.program_a, vendor=cast.vendor_x, number=f"Q-{start + i:03d}", status="active"
        )
        sl = level(contract, "A", allocation_pct=10)
        period = Period.objects.create(contract=contract, kind="monthly", start=date(2026, 1, 1), end=date(2026, 2, 1))
        Credit.objects.create(period=period, service_level=sl, allocation_pct=10, uncapped_amount=1, amount=1)


def test_list_pages_and_endpoints_do_not_grow_with_rows(cast, client):
    client.force_login(cast.finance)
    urls = [
        reverse("contracts:contract_list"),
        reverse("performance:credit_list"),
        "/api/v1/contracts/",
        "/api/v1/credits/",
    ]
    _add_contracts(cast, 5, 0)
    few = [_queries(client, u + "?page_size=100" if "api" in u else u) for u in urls]
    _add_contracts(cast, 20, 100)
    many = [_queries(client, u + "?page_size=100" if "api" in u else u) for u in urls]
    assert few == many
