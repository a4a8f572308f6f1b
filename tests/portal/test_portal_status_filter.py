"""The portal's invoice and contract lists filter by status (`?status=`): the page, its CSV/XLSX
export and the home tiles' links narrow to that status, an unknown status shows an error and no
rows, and a vendor sees only its own records with any filter."""

import csv
import datetime
import io

import pytest
from django.test import Client
from django.urls import reverse

from bpo.core.dashboard import portal_dashboard
from contracts.choices import ContractStatus
from delivery.choices import InvoiceStatus
from delivery.models import Invoice
from tests.contracts.factories import ContractFactory, contract_of_a
from tests.delivery.engagement_factories import vendor_y_contract


@pytest.fixture
def invoices(cast):
    """Vendor X: one invoice of each status on its contract; vendor Y: a disputed and a submitted one."""
    contract_x = contract_of_a(cast)
    contract_y = vendor_y_contract(cast)
    contract_y.status, contract_y.terms_version = ContractStatus.ACTIVE, 1
    contract_y.save()
    made = {}
    for month, status in enumerate(InvoiceStatus.values, start=1):
        made[status] = Invoice.objects.create(
            contract=contract_x,
            number=f"INV-X-{status}",
            period=datetime.date(2026, month, 1),
            status=status,
            submitted_by=cast.vendor_x_admin,
        )
    for month, status in enumerate(("disputed", "submitted"), start=1):
        Invoice.objects.create(
            contract=contract_y,
            number=f"INV-Y-{status}",
            period=datetime.date(2026, month, 1),
            status=status,
            submitted_by=cast.vendor_y_admin,
        )
    return made


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _numbers(response):
    return sorted(i.number for i in response.context["invoices"])


def _csv_numbers(response):
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return sorted(row[0] for row in list(csv.reader(io.StringIO(text)))[1:])


def test_the_invoice_list_narrows_to_the_status_and_its_export_too(cast, invoices):
    client = _client(cast.vendor_x_user)
    url = reverse("portal:invoices")
    assert _numbers(client.get(url)) == sorted(i.number for i in invoices.values())
    assert _numbers(client.get(url, {"status": "disputed"})) == ["INV-X-disputed"]
    assert _numbers(client.get(url, {"status": "open"})) == ["INV-X-submitted", "INV-X-validated"]
    assert _csv_numbers(client.get(url, {"status": "disputed", "export": "csv"})) == ["INV-X-disputed"]
    page = client.get(url, {"status": "approved"}).content.decode()
    assert '<option value="approved" selected>' in page
    assert "INV-X-approved" in page and "INV-X-disputed" not in page


def test_a_vendor_never_sees_another_vendors_invoices_with_any_filter(cast, invoices):
    client = _client(cast.vendor_x_user)
    url = reverse("portal:invoices")
    for status in ["", "open", *InvoiceStatus.values, "bogus"]:
        response = client.get(url, {"status": status})
        assert not [n for n in _numbers(response) if n.startswith("INV-Y")], status
        assert "INV-Y" not in response.content.decode(), status
        assert not [n for n in _csv_numbers(client.get(url, {"status": status, "export": "csv"})) if "INV-Y" in n]
    other = _client(cast.vendor_y_admin)
    assert _numbers(other.get(url, {"status": "disputed"})) == ["INV-Y-disputed"]


def test_an_unknown_status_shows_an_error_and_no_rows(cast, invoices):
    client = _client(cast.vendor_x_user)
    for name, context in (("portal:invoices", "invoices"), ("portal:contract_list", "contracts")):
        response = client.get(reverse(name), {"status": "paid<script>"})
        assert response.status_code == 200
        assert list(response.context[context]) == []
        page = response.content.decode()
        assert 'data-testid="status-error"' in page and "paid&lt;script&gt;" in page
        export = client.get(reverse(name), {"status": "paid", "export": "csv"})
        assert _csv_numbers(export) == []


def test_the_home_tiles_link_to_the_filtered_invoice_list(cast, invoices):
    tiles = {t.key: t for t in portal_dashboard(cast.vendor_x_user)}
    waiting, disputed = tiles["portal-invoices-open"], tiles["portal-invoices-disputed"]
    assert (waiting.value, disputed.value) == (2, 1)
    assert waiting.url == reverse("portal:invoices") + "?status=open"
    assert disputed.url == reverse("portal:invoices") + "?status=disputed"
    client = _client(cast.vendor_x_user)
    assert len(_numbers(client.get(waiting.url))) == waiting.value
    assert len(_numbers(client.get(disputed.url))) == disputed.value
    home = client.get(reverse("portal:home")).content.decode()
    assert 'href="/portal/invoices/?status=disputed"' in home


def test_the_contract_list_narrows_to_the_status_and_its_export_too(cast):
    active = contract_of_a(cast)
    signed_one = ContractFactory(
        program=cast.program_a, vendor=cast.vendor_x, number="CA-2", status=ContractStatus.SIGNED
    )
    vendor_y_contract(cast)  # vendor Y's, never listed for X
    client = _client(cast.vendor_x_user)
    url = reverse("portal:contract_list")
    visible = sorted(c.number for c in client.get(url).context["contracts"])
    assert active.number in visible and signed_one.number in visible
    signed = client.get(url, {"status": "signed"})
    assert [c.number for c in signed.context["contracts"]] == ["CA-2"]
    assert _csv_numbers(client.get(url, {"status": "active", "export": "csv"})) == [active.number]
    assert [c.number for c in client.get(url, {"status": "expired"}).context["contracts"]] == []
    assert "No contracts with this status." in client.get(url, {"status": "expired"}).content.decode()
