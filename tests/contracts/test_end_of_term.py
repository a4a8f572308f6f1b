"""The daily end-of-term job: expiry, automatic renewal (each term a new version of the terms), once,
with the managers told."""

import re
from datetime import date

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from bpo.core.models import Notification
from contracts import services
from contracts.choices import VersionReason
from contracts.models import Contract, ContractVersion
from contracts.services import contracts_close_or_renew
from contracts.services.lifecycle import add_months
from contracts.tasks import contracts_end_of_term

from .factories import ContractFactory


def _contract(cast, **kwargs):
    defaults = {
        "program": cast.program_a,
        "vendor": cast.vendor_x,
        "status": "active",
        "terms_version": 1,
        "start_date": date(2025, 1, 1),
        "end_date": date(2025, 12, 31),
    }
    return ContractFactory(**{**defaults, **kwargs})


def test_past_end_date_expires_once_and_tells_the_managers(cast, client):
    contract = _contract(cast)
    running = _contract(cast, end_date=date(2026, 6, 30))
    draft = _contract(cast, status="draft")
    assert contracts_close_or_renew(today=date(2026, 1, 1)) == {"expired": 1, "renewed": 0}
    assert contracts_close_or_renew(today=date(2026, 1, 2)) == {"expired": 0, "renewed": 0}
    contract.refresh_from_db()
    assert (contract.status, contract.expired_on) == ("expired", date(2026, 1, 1))
    assert Contract.objects.get(pk=running.pk).status == "active"
    assert Contract.objects.get(pk=draft.pk).status == "draft"
    notes = Notification.objects.filter(event_key__startswith=f"contract:{contract.pk}:expired:")
    assert list(notes.values_list("recipient", flat=True)) == [cast.manager.pk]
    client.force_login(cast.manager)
    page = client.get(reverse("contracts:contract_detail", args=[contract.pk])).content.decode()
    assert "Expired automatically on 2026-01-01" in page


def test_auto_renewal_extends_the_term_once_per_term(cast, client):
    contract = _contract(cast, auto_renewal=True, renewal_term_months=12, status="signed")
    contracts_end_of_term.apply()  # the beat task, today being long after 2025
    contract.refresh_from_db()
    assert contract.status == "signed" and contract.end_date >= date.today()
    assert contract.renewal_count == (contract.end_date.year - 2025)
    again = contracts_close_or_renew()
    assert again == {"expired": 0, "renewed": 0}
    keys = set(Notification.objects.filter(recipient=cast.manager).values_list("event_key", flat=True))
    assert f"contract:{contract.pk}:renewed:2025-12-31" in keys
    client.force_login(cast.manager)
    page = client.get(reverse("contracts:contract_detail", args=[contract.pk])).content.decode()
    assert "last on" in page and "(automatically)" in page and "manually" not in page


def test_one_renewal_when_the_job_runs_on_time(cast):
    contract = _contract(cast, auto_renewal=True, renewal_term_months=6, end_date=date(2026, 2, 28))
    assert contracts_close_or_renew(today=date(2026, 3, 1)) == {"expired": 0, "renewed": 1}
    contract.refresh_from_db()
    assert (contract.status, contract.end_date, contract.renewal_count) == ("active", date(2026, 8, 28), 1)
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)


def test_the_vendor_sees_the_renewal_in_the_portal(cast, client):
    contract = _contract(cast, auto_renewal=True, renewal_term_months=6, end_date=date(2026, 2, 28))
    contracts_close_or_renew(today=date(2026, 3, 1))
    client.force_login(cast.vendor_x_admin)
    page = client.get(reverse("portal:contract_detail", args=[contract.pk])).content.decode()
    assert "Yes, for 6 months at a time" in page and "renewed once, last on 2026-03-01 (automatically)" in page


def test_a_renewal_is_recorded_as_the_next_version_of_the_terms(cast, client):
    contract = _contract(cast, auto_renewal=True, renewal_term_months=6, end_date=date(2026, 2, 28), terms_version=0)
    services.contracts.record_version(contract, cast.manager)  # v1 at signature (the factory skips the workflow)
    assert contracts_close_or_renew(today=date(2026, 3, 1)) == {"expired": 0, "renewed": 1}
    contract.refresh_from_db()
    assert contract.terms_version == 2
    signed, renewed = contract.versions.order_by("number")
    assert (signed.number, signed.reason, signed.created_by) == (1, VersionReason.SIGNATURE, cast.manager)
    assert (renewed.number, renewed.reason, renewed.created_by, renewed.change_request) == (
        2,
        VersionReason.RENEWAL,
        None,
        None,
    )
    # The same snapshot as an amendment's: only the end date moved.
    assert renewed.terms == services.terms_snapshot(contract)
    assert renewed.terms["end_date"] == "2026-08-28"
    diff = services.versions_diff(signed.terms, renewed.terms)
    assert [(row["field"], row["old"], row["new"]) for row in diff] == [("end_date", "2026-02-28", "2026-08-28")]

    client.force_login(cast.manager)
    page = client.get(reverse("contracts:contract_detail", args=[contract.pk])).content.decode()
    latest = re.search(r'data-testid="latest-version">(.*?)</span>', page, re.S).group(1)
    assert "latest v2" in latest and "Automatic renewal" in latest and str(cast.manager) not in latest
    versions = reverse("contracts:contract_versions", args=[contract.pk])
    page = client.get(versions).content.decode()
    line = re.search(r'data-testid="version-2">(.*?)</li>', page, re.S).group(1)
    assert "Automatic renewal" in line and "until 2026-08-28" in line and str(cast.manager) not in line
    assert "Signature" in re.search(r'data-testid="version-1">(.*?)</li>', page, re.S).group(1)
    compared = client.get(versions + "?a=1&b=2").content.decode()
    assert "2026-02-28" in compared and "2026-08-28" in compared
    assert client.get(versions + "?v=2").status_code == 200


def test_a_job_down_two_terms_records_two_versions_and_a_second_run_none(cast):
    contract = _contract(cast, auto_renewal=True, renewal_term_months=6, end_date=date(2026, 2, 28))
    assert contracts_close_or_renew(today=date(2026, 9, 1)) == {"expired": 0, "renewed": 1}
    contract.refresh_from_db()
    assert (contract.end_date, contract.renewal_count, contract.terms_version) == (date(2027, 2, 28), 2, 3)
    versions = list(contract.versions.order_by("number").values_list("number", "reason", "created_by"))
    assert versions == [(2, VersionReason.RENEWAL, None), (3, VersionReason.RENEWAL, None)]
    ends = [v.terms["end_date"] for v in contract.versions.order_by("number")]
    assert ends == ["2026-08-28", "2027-02-28"]
    assert contracts_close_or_renew(today=date(2026, 9, 1)) == {"expired": 0, "renewed": 0}
    assert contracts_close_or_renew(today=date(2026, 9, 2)) == {"expired": 0, "renewed": 0}
    contract.refresh_from_db()
    assert (contract.terms_version, contract.versions.count()) == (3, 2)


def test_a_version_number_is_recorded_once(cast):
    """Two workers cannot both record version N: the (contract, number) constraint refuses the second."""
    contract = _contract(cast, auto_renewal=True, end_date=date(2026, 2, 28))
    contracts_close_or_renew(today=date(2026, 3, 1))
    renewed = contract.versions.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        ContractVersion.objects.create(contract=contract, number=renewed.number, terms={}, reason=VersionReason.RENEWAL)


def test_only_a_renewal_version_has_no_user(cast):
    contract = _contract(cast)
    with pytest.raises(IntegrityError), transaction.atomic():
        ContractVersion.objects.create(contract=contract, number=2, terms={}, reason=VersionReason.SIGNATURE)
    with pytest.raises(IntegrityError), transaction.atomic():
        ContractVersion.objects.create(
            contract=contract, number=2, terms={}, reason=VersionReason.AMENDMENT, created_by=cast.manager
        )


def test_a_version_without_a_reason_is_refused(cast):
    contract = _contract(cast)
    for reason in ("", "whim"):
        with pytest.raises(IntegrityError), transaction.atomic():
            ContractVersion.objects.create(
                contract=contract, number=2, terms={}, reason=reason, created_by=cast.manager
            )
    assert not contract.versions.exists()


def test_an_expiry_records_no_version(cast):
    contract = _contract(cast)
    assert contracts_close_or_renew(today=date(2026, 1, 1)) == {"expired": 1, "renewed": 0}
    contract.refresh_from_db()
    assert (contract.status, contract.terms_version, contract.versions.count()) == ("expired", 1, 0)
