"""A statement of work sits under an MSA of the same program and vendor: page, API and model."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from contracts.models import Contract

from .factories import ContractFactory


def _form_data(cast, **kwargs):
    data = {
        "program": cast.program_a.pk,
        "vendor": cast.vendor_x.pk,
        "number": "SOW-1",
        "title": "Payroll SOW",
        "contract_type": "sow",
        "parent": "",
        "start_date": "2026-01-01",
        "end_date": "2026-12-31",
        "renewal_term_months": "12",
        "notice_period_days": "90",
        "currency": "",
        "value": "0",
        "monthly_fee": "0",
        "at_risk_pct": "0",
        "credit_pool_limit_pct": "250",
        "grace_days": "5",
    }
    data.update(kwargs)
    return data


def test_a_sow_without_its_msa_is_refused_next_to_parent(cast, client):
    client.force_login(cast.manager)
    response = client.post(reverse("contracts:contract_create"), _form_data(cast))
    assert response.status_code == 200
    assert "parent" in response.context["form"].errors
    assert not Contract.objects.filter(number="SOW-1").exists()


def test_a_sow_under_an_msa_of_the_same_program_and_vendor_is_created(cast, client):
    msa = ContractFactory(program=cast.program_a, vendor=cast.vendor_x, contract_type="msa")
    client.force_login(cast.manager)
    response = client.post(reverse("contracts:contract_create"), _form_data(cast, parent=msa.pk))
    assert response.status_code == 302, response.context["form"].errors if response.context else ""
    assert Contract.objects.get(number="SOW-1").parent == msa


def test_the_api_refuses_a_sow_without_parent_with_400_on_parent(cast, client):
    client.force_login(cast.manager)
    response = client.post(
        "/api/v1/contracts/",
        {
            "program": cast.program_a.pk,
            "vendor": cast.vendor_x.pk,
            "number": "SOW-API",
            "title": "t",
            "contract_type": "sow",
            "parent": None,
            "start_date": "2026-01-01",
            "end_date": "2026-12-31",
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    assert [e["attr"] for e in response.json()["errors"]] == ["parent"]
    assert not Contract.objects.filter(number="SOW-API").exists()


def test_the_parent_must_be_an_msa_of_the_same_program_and_vendor(cast):
    msa = ContractFactory(program=cast.program_a, vendor=cast.vendor_x, contract_type="msa")
    sow = ContractFactory(program=cast.program_a, vendor=cast.vendor_x, contract_type="sow", parent=msa)
    other_vendor = ContractFactory(program=cast.program_a, vendor=cast.vendor_y, contract_type="msa")
    for parent in (sow, other_vendor):
        candidate = Contract(
            program=cast.program_a,
            vendor=cast.vendor_x,
            number="SOW-X",
            title="t",
            contract_type="sow",
            parent=parent,
            start_date=date(2026, 1, 1),
            end_date=date(2026, 12, 31),
            currency="USD",
        )
        with pytest.raises(ValidationError) as exc:
            candidate.full_clean()
        assert "parent" in exc.value.message_dict


def test_an_msa_with_statements_of_work_stays_an_msa(cast):
    msa = ContractFactory(program=cast.program_a, vendor=cast.vendor_x, contract_type="msa")
    ContractFactory(program=cast.program_a, vendor=cast.vendor_x, contract_type="sow", parent=msa)
    msa.contract_type = "sow"
    with pytest.raises(ValidationError) as exc:
        msa.full_clean()
    assert "contract_type" in exc.value.message_dict
