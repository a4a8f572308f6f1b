"""The versions page shows each term by its label and display value, in the reader's language,
not the snapshot's field keys and raw values (`contract_type sow`, `auto_renewal False`)."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from contracts import services
from contracts.models import RateCardLine

from .factories import ContractFactory, ServiceLevelFactory


@pytest.fixture
def versioned(cast):
    msa = ContractFactory(program=cast.program_a, vendor=cast.vendor_x, status="active")
    sow = ContractFactory(
        program=cast.program_a, vendor=cast.vendor_x, status="active", contract_type="sow", parent=msa
    )
    ServiceLevelFactory(contract=sow, code="ASA20", kind="sla", measure="average")
    RateCardLine.objects.create(contract=sow, item="Payslip", unit="each", rate=Decimal("2.5"))
    services.contracts.record_version(sow, cast.manager)
    sow.auto_renewal, sow.monthly_fee = True, Decimal("110000")
    sow.save()
    services.contracts.record_version(sow, cast.manager)
    return sow


def _facts(html):
    """{term key: (label, value)} of the terms shown."""
    found = re.findall(r'<dt data-term="(\w+)">(.*?)</dt><dd>(.*?)</dd>', html, re.S)
    return {key: (label, value.strip()) for key, label, value in found}


def test_terms_read_by_label_and_display_value(cast, client, versioned):
    client.force_login(cast.manager)
    html = client.get(reverse("contracts:contract_versions", args=[versioned.pk]) + "?v=1").content.decode()
    facts = _facts(html)
    assert facts["contract_type"] == ("Type", "Statement of work")
    assert facts["auto_renewal"] == ("Auto-renewal", "No")
    assert facts["monthly_fee"][0] == "Monthly fee"
    assert facts["rate_card"][0] == "Rate card" and "Item: Payslip" in facts["rate_card"][1]
    assert facts["service_levels"][0] == "Service levels" and "Code: ASA20" in facts["service_levels"][1]
    assert "Measure: Average" in facts["service_levels"][1]
    assert "contract_type" not in re.sub(r'data-term="\w+"', "", html)
    assert "auto_renewal" not in re.sub(r'data-term="\w+"', "", html)


def test_the_comparison_uses_labels_too(cast, client, versioned):
    client.force_login(cast.manager)
    html = client.get(reverse("contracts:contract_versions", args=[versioned.pk]) + "?a=1&b=2").content.decode()
    rows = dict(re.findall(r'<tr data-term="(\w+)"><td>(.*?)</td>', html))
    assert rows == {"auto_renewal": "Auto-renewal", "monthly_fee": "Monthly fee"}
    assert "<td>No</td><td>Yes</td>" in html


def test_terms_in_chinese(cast, client, versioned):
    cast.manager.language = "zh-hans"
    cast.manager.save(update_fields=["language"])
    client.force_login(cast.manager)
    client.post("/i18n/language/", {"language": "zh-hans"})
    html = client.get(reverse("contracts:contract_versions", args=[versioned.pk]) + "?v=1").content.decode()
    facts = _facts(html)
    assert facts["contract_type"] == ("类型", "工作说明书")
    assert facts["auto_renewal"][1] == "否"


def test_amounts_and_rates_read_as_on_the_contract_page(cast, client, versioned):
    """Money grouped with its cents (110,000.00, not 110000.00), a rate with its cents (2.50, not
    2.5000), a percentage without trailing zeros, as the contract page prints them."""
    client.force_login(cast.manager)
    html = client.get(reverse("contracts:contract_versions", args=[versioned.pk]) + "?v=2").content.decode()
    facts = _facts(html)
    assert facts["monthly_fee"][1] == "110,000.00"
    assert "Rate: 2.50" in facts["rate_card"][1]
    assert "2.5000" not in html and "110000" not in html
    compared = client.get(reverse("contracts:contract_versions", args=[versioned.pk]) + "?a=1&b=2").content.decode()
    assert "110,000.00" in compared
