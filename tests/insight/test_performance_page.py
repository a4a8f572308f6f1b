"""A vendor's performance page (staff) and its read-only portal version: trends, attainment,
spend against performance; scoped exactly like the records behind them; constant query counts."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from performance.insight.selectors import spend_performance, vendor_performance
from tests.contracts.factories import contract_of_a

from .helpers import approved_invoice, contract_of_b, history

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(cast):
    a = contract_of_a(cast)
    history(a, [60, 72.5, 91])
    history(a, [99], status="draft", first=4)
    b = contract_of_b(cast, cast.vendor_y)
    history(b, [40])
    approved_invoice(a, "50000", cast.vendor_x_admin)
    approved_invoice(b, "90000", cast.vendor_y_admin, number="INV-B")
    return a, b


def test_trend_attainment_and_quadrant_on_hand_values(cast, data):
    got = vendor_performance(cast.vendor_x, cast.manager)
    assert [c.total for c in got["cards"]] == [Decimal("91"), Decimal("72.5"), Decimal("60")]
    assert got["trend"].rows == [
        ["2026-01", "60", "85", "70", "50"],
        ["2026-02", "72.5", "85", "70", "50"],
        ["2026-03", "91", "85", "70", "50"],
    ]
    assert {row[0] for row in got["criteria"].rows} == {"2026-01", "2026-02", "2026-03"}
    assert "质量 Quality" in got["criteria"].columns
    assert got["attainment"][0] == {"label": "2026-01", "met": 1, "minor": 0, "breach": 1, "insufficient": 0}
    # The manager of program A sees only vendor X in the quadrant; the executive sees both (finance
    # reads every program's invoices but scorecards only as a member: bpo.core.scoping).
    mine = spend_performance(cast.manager, highlight=cast.vendor_x)
    assert [(r["name"], r["amount"], r["score"]) for r in mine["quadrant_rows"]] == [
        ("Vendor X", Decimal("50000"), Decimal("91"))
    ]
    everyone = spend_performance(cast.executive, highlight=cast.vendor_x)
    assert [(r["name"], r["score"]) for r in everyone["quadrant_rows"]] == [
        ("Vendor X", Decimal("91")),
        ("Vendor Y", Decimal("40")),
    ]
    assert everyone["quadrant"].rows == [["Vendor X", "50,000", "91"], ["Vendor Y", "90,000", "40"]]


def test_staff_page_shows_charts_and_is_linked_from_the_vendor(client, cast, data):
    client.force_login(cast.executive)
    page = client.get(reverse("performance:vendor_performance", args=[cast.vendor_x.pk])).content.decode()
    for testid in ("scorecard-trend", "criterion-trend", "attainment", "quadrant"):
        assert f'data-testid="{testid}"' in page
    assert page.count('class="chart"') == 4 and "Vendor Y" in page
    assert 'style="' not in page
    vendor_page = client.get(reverse("vendors:vendor_detail", args=[cast.vendor_x.pk])).content.decode()
    assert reverse("performance:vendor_performance", args=[cast.vendor_x.pk]) in vendor_page


def test_outsider_sees_no_figures_of_program_a(client, cast, data):
    client.force_login(cast.outsider)
    page = client.get(reverse("performance:vendor_performance", args=[cast.vendor_x.pk])).content.decode()
    assert "72.50" not in page and "91.00" not in page and 'data-testid="card-total"' not in page
    # the quadrant lists the vendors of program B only
    assert "Vendor Y" in page and "50,000" not in page


def test_vendor_sees_only_its_own_published_performance_in_the_portal(client, cast, data):
    client.force_login(cast.vendor_x_admin)
    assert client.get(reverse("performance:vendor_performance", args=[cast.vendor_x.pk])).status_code == 403
    page = client.get(reverse("portal:vendor_performance")).content.decode()
    assert "72.50" in page and "Vendor Y" not in page and "90,000" not in page
    assert 'data-testid="quadrant"' not in page
    client.force_login(cast.vendor_y_admin)
    page = client.get(reverse("portal:vendor_performance")).content.decode()
    assert "40.00" in page and "72.50" not in page and "Vendor X" not in page


def test_pages_run_a_constant_number_of_queries(client, cast):
    a = contract_of_a(cast)

    def count(user, url):
        client.force_login(user)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx)

    staff_url = reverse("performance:vendor_performance", args=[cast.vendor_x.pk])
    portal_url = reverse("portal:vendor_performance")
    history(a, [70])
    approved_invoice(a, "100", cast.vendor_x_admin)
    few = count(cast.finance, staff_url), count(cast.vendor_x_admin, portal_url)
    from performance.models import Period, Scorecard

    Scorecard.objects.all().delete()
    Period.objects.all().delete()
    history(a, [50, 60, 70, 80, 90, 95])
    for i in range(4):
        b = contract_of_b(cast, cast.vendor_y) if i == 0 else None
        if b:
            history(b, [40, 45])
            approved_invoice(b, "900", cast.vendor_y_admin, number="B-1")
    many = count(cast.finance, staff_url), count(cast.vendor_x_admin, portal_url)
    assert few == many
