"""A renewal says how it happened: a manager's ("Renew for the renewal term") is manual, by them; the
end-of-term job's is automatic. The versions page, the contract page and the portal say which, and
renewals recorded before the kind was are read from their versions (the migration's backfill).

New-user test 2026-11-28: a manual renewal showed "v6 · Automatic renewal · … · Paula Manager" and
"renewed automatically once, last on 2026-11-28" on the contract page and in the portal."""

import importlib
import re
from datetime import date

import pytest
from django.apps import apps
from django.db import IntegrityError, transaction
from django.urls import reverse

from bpo.core.zones import today_in
from contracts import services
from contracts.choices import RenewalKind, VersionReason
from contracts.models import Contract, ContractVersion
from contracts.services import contracts_close_or_renew

from .factories import ContractFactory

backfill = importlib.import_module("contracts.migrations.0012_renewal_kind").backfill


def _contract(cast, **kwargs):
    contract = ContractFactory(
        **{
            "program": cast.program_a,
            "vendor": cast.vendor_x,
            "status": "active",
            "start_date": date(2026, 1, 1),
            "end_date": date(2026, 12, 31),
            "renewal_term_months": 6,
            **kwargs,
        }
    )
    services.contracts.record_version(contract, cast.manager)  # v1 at signature
    return contract


def _testid(page, name, tag="dd"):
    found = re.search(rf'<{tag}[^>]*data-testid="{name}"[^>]*>(.*?)</{tag}>', page, re.S)
    assert found, name
    return " ".join(re.sub(r"<[^>]+>", " ", found.group(1)).split())


def _renew(client, user, contract):
    client.force_login(user)
    response = client.post(reverse("contracts:contract_transition", args=[contract.pk, "renew"]))
    assert response.status_code == 302


def test_a_manual_renewal_is_recorded_and_shown_as_manual_by_the_manager(cast, client):
    contract = _contract(cast)
    _renew(client, cast.manager, contract)
    contract.refresh_from_db()
    today = today_in(contract.program.time_zone).isoformat()
    assert (contract.renewal_count, contract.last_renewal_kind, contract.last_renewed_by) == (
        1,
        RenewalKind.MANUAL,
        cast.manager,
    )
    version = contract.versions.get(number=2)
    assert (version.reason, version.renewal_kind, version.get_kind_display()) == (
        VersionReason.RENEWAL,
        RenewalKind.MANUAL,
        "Manual renewal",
    )

    versions = client.get(reverse("contracts:contract_versions", args=[contract.pk])).content.decode()
    line = _testid(versions, "version-2", tag="li")
    assert "Manual renewal" in line and "Automatic" not in line and str(cast.manager) in line

    page = client.get(reverse("contracts:contract_detail", args=[contract.pk])).content.decode()
    renewal = _testid(page, "renewal")
    assert f"renewed once, last on {today} (manually by {cast.manager})" in renewal
    assert "automatically" not in renewal
    latest = _testid(page, "latest-version", tag="span")
    assert "Manual renewal" in latest and "Automatic" not in latest

    client.force_login(cast.vendor_x_admin)
    portal = client.get(reverse("portal:contract_detail", args=[contract.pk])).content.decode()
    renewal = _testid(portal, "renewal")
    assert f"renewed once, last on {today} (manually by {cast.manager})" in renewal
    assert "automatically" not in renewal


def test_the_end_of_term_job_renews_automatically_then_a_manager_by_hand(cast, client):
    contract = _contract(cast, auto_renewal=True, end_date=date(2026, 2, 28))
    assert contracts_close_or_renew(today=date(2026, 3, 1)) == {"expired": 0, "renewed": 1}
    contract.refresh_from_db()
    assert (contract.last_renewal_kind, contract.last_renewed_by, contract.last_renewed_on) == (
        RenewalKind.AUTOMATIC,
        None,
        date(2026, 3, 1),
    )
    client.force_login(cast.manager)
    page = client.get(reverse("contracts:contract_detail", args=[contract.pk])).content.decode()
    assert "renewed once, last on 2026-03-01 (automatically)" in _testid(page, "renewal")

    _renew(client, cast.manager, contract)  # the same contract, now renewed by hand
    contract.refresh_from_db()
    assert (contract.renewal_count, contract.last_renewal_kind, contract.last_renewed_by) == (
        2,
        RenewalKind.MANUAL,
        cast.manager,
    )
    today = today_in(contract.program.time_zone).isoformat()
    page = client.get(reverse("contracts:contract_detail", args=[contract.pk])).content.decode()
    assert f"renewed 2 times, last on {today} (manually by {cast.manager})" in _testid(page, "renewal")
    versions = client.get(reverse("contracts:contract_versions", args=[contract.pk])).content.decode()
    assert _testid(versions, "reason-2", tag="span") == "Automatic renewal"
    assert _testid(versions, "reason-3", tag="span") == "Manual renewal"
    assert _testid(versions, "reason-1", tag="span") == "Signature"


def test_the_backfill_reads_the_last_renewal_from_its_version(cast):
    by_hand = _contract(cast, renewal_count=2, last_renewed_on=date(2026, 6, 1))
    for number, user in ((2, None), (3, cast.manager)):  # the job's, then a manager's
        ContractVersion.objects.create(contract=by_hand, number=number, terms={}, reason="renewal", created_by=user)
    by_job = _contract(cast, renewal_count=1, last_renewed_on=date(2026, 6, 1))
    ContractVersion.objects.create(contract=by_job, number=2, terms={}, reason="renewal", created_by=None)
    unknown = _contract(cast, renewal_count=1, last_renewed_on=date(2026, 6, 1))  # no renewal version
    never = _contract(cast)

    backfill(apps, None)

    got = {c.pk: (c.last_renewal_kind, c.last_renewed_by_id) for c in Contract.objects.all()}
    assert got[by_hand.pk] == ("manual", cast.manager.pk)
    assert got[by_job.pk] == ("automatic", None)
    assert got[unknown.pk] == ("", None)
    assert got[never.pk] == ("", None)


def test_only_a_manual_renewal_names_a_user(cast):
    contract = _contract(cast)
    with pytest.raises(IntegrityError), transaction.atomic():
        Contract.objects.filter(pk=contract.pk).update(
            last_renewal_kind=RenewalKind.AUTOMATIC, last_renewed_by=cast.manager
        )
