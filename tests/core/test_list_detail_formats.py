"""A record's dates and amounts read the same on its list page and on its own page, staff and
portal, in English and in Simplified Chinese (bpo/core/formats.py). Before, the lists printed
Django's long date (Jan. 1, 2026 / 2026年1月1日) and ungrouped amounts (100000.00) where the
record's page printed 2026-01-01 or 01/01/2026 and 100,000.00."""

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from contracts.models import RateCardLine
from delivery import invoicing
from risk.models import Risk
from strategy.models import Program
from tests.contracts.factories import contract_of_a
from tests.risk.records import risk_world
from tests.vendors.world import make_event
from vendors.models import SourcingEvent

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "zh-hans"]


def _page(client, user, language, url) -> str:
    user.language = language
    user.save(update_fields=["language"])
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200, url
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    return html


def _same_on_both(client, user, language, list_url, detail_url, texts):
    listed, shown = _page(client, user, language, list_url), _page(client, user, language, detail_url)
    for text in texts:
        assert text in listed, (list_url, text)
        assert text in shown, (detail_url, text)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_contract_reads_the_same_on_the_list_and_its_page(client, cast, language):
    contract = contract_of_a(cast)
    _same_on_both(
        client,
        cast.manager,
        language,
        reverse("contracts:contract_list"),
        contract.get_absolute_url(),
        ["2026-01-01", "2027-12-31", "100,000.00"],
    )
    _same_on_both(
        client,
        cast.vendor_x_user,
        language,
        reverse("portal:contract_list"),
        reverse("portal:contract_detail", args=[contract.pk]),
        ["2026-01-01", "2027-12-31"],
    )
    portal = _page(client, cast.vendor_x_user, language, reverse("portal:contract_detail", args=[contract.pk]))
    assert "100,000.00 USD" in portal


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_invoice_reads_the_same_on_the_list_and_its_page(client, cast, language):
    contract = contract_of_a(cast)
    rate = RateCardLine.objects.create(contract=contract, item="Agent hour", unit="hour", rate=Decimal("25.50"))
    invoice = invoicing.invoice_submit(
        contract=contract,
        by=cast.vendor_x_admin,
        number="INV-F",
        period="2026-02",
        lines=[{"rate_card_line": rate.pk, "quantity": "10"}],
        include_monthly_fee=True,
    )
    assert invoice.net_amount == Decimal("100255.00")
    texts = ["2026-02", "100,255.00 USD"]
    _same_on_both(client, cast.finance, language, reverse("delivery:invoice_list"), invoice.get_absolute_url(), texts)
    _same_on_both(
        client,
        cast.vendor_x_user,
        language,
        reverse("portal:invoices"),
        reverse("portal:invoice_detail", args=[invoice.pk]),
        texts,
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_program_reads_the_same_on_the_list_and_its_page(client, cast, language):
    Program.objects.filter(pk=cast.program_a.pk).update(start_date=date(2026, 11, 27))
    _same_on_both(
        client,
        cast.manager,
        language,
        reverse("strategy:program_list"),
        cast.program_a.get_absolute_url(),
        ["2026-11-27"],
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_sourcing_event_deadline_reads_the_same_on_the_list_and_its_page(client, cast, language):
    event = make_event(cast, deadline_in=timedelta(days=3))
    deadline = datetime(2030, 11, 27, 9, 30, tzinfo=UTC)  # the pages are in UTC (TIME_ZONE)
    SourcingEvent.objects.filter(pk=event.pk).update(submission_deadline=deadline)
    _same_on_both(
        client, cast.manager, language, reverse("vendors:event_list"), event.get_absolute_url(), ["2030-11-27 09:30"]
    )
    _same_on_both(
        client,
        cast.vendor_x_user,
        language,
        reverse("portal:sourcing_list"),
        reverse("portal:sourcing_detail", args=[event.pk]),
        ["2030-11-27 09:30"],
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_risk_review_date_reads_the_same_on_the_list_and_its_page(client, cast, language):
    risk = risk_world(cast)["risk"]
    review = timezone.localdate() + timedelta(days=40)
    Risk.objects.filter(pk=risk.pk).update(next_review_date=review)
    _same_on_both(
        client, cast.manager, language, reverse("risk:risk_list"), risk.get_absolute_url(), [review.isoformat()]
    )
    _same_on_both(
        client,
        cast.vendor_x_user,
        language,
        reverse("portal:risk_list"),
        reverse("portal:risk_detail", args=[risk.pk]),
        [review.isoformat()],
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_task_reads_the_same_on_the_list_and_its_page(client, cast, language):
    from tests.delivery.plan_factories import task

    t = task(cast.program_a, "Cut over", date(2026, 1, 5), date(2026, 1, 9), vendor=cast.vendor_x, percent_complete=40)
    texts = ["2026-01-05", "2026-01-09", "40%"]
    _same_on_both(client, cast.manager, language, reverse("delivery:task_list"), t.get_absolute_url(), texts)
    _same_on_both(
        client,
        cast.vendor_x_user,
        language,
        reverse("portal:tasks"),
        reverse("portal:task_update", args=[t.pk]),
        ["2026-01-05", "2026-01-09"],
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_service_credit_reads_the_same_on_the_credit_list_and_the_contracts_service_levels(client, cast, language):
    from performance.models import Credit
    from tests.contracts.factories import ContractFactory
    from tests.performance.helpers import level, samples

    contract = ContractFactory(program=cast.program_a, vendor=cast.vendor_x, status="active", terms_version=1)
    sl = level(contract, "ASA20", measure="percent_within", threshold=20, expected=80, minimum=75, allocation_pct=40)
    samples(sl, [10] * 18 + [99] * 7)  # 72%: a breach
    client.force_login(cast.contributor)
    assert client.post(reverse("performance:evaluate", args=[contract.pk])).status_code == 302
    assert Credit.objects.get().amount == Decimal("4000.00")
    _same_on_both(
        client,
        cast.finance,
        language,
        reverse("performance:credit_list"),
        reverse("performance:dashboard", args=[contract.pk]),
        ["4,000.00"],
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_measurement_reads_the_same_on_the_staff_and_the_portal_lists(client, cast, language):
    """Both in the program's time zone, to the second (two samples can fall in one minute), the
    value as recorded; before, the portal dropped the seconds."""
    from tests.contracts.factories import SampleFactory

    contract = contract_of_a(cast)
    SampleFactory(
        service_level=contract.service_levels.get(),
        measured_at=datetime(2026, 1, 5, 23, 30, 15, tzinfo=UTC),
        value=Decimal("87.5000"),
    )
    texts = ["2026-01-05 23:30:15", "87.5"]  # program A is in UTC
    staff = _page(client, cast.manager, language, reverse("delivery:measurement_list", args=[contract.pk]))
    portal = _page(client, cast.vendor_x_user, language, reverse("portal:measurement_contract", args=[contract.pk]))
    for text in texts:
        assert text in staff and text in portal, text
