"""A terminated contract records the day it was terminated (in its program's time zone) and by whom,
and says so on the contract page, in the portal and in the contract register; an ended contract
(terminated or expired) shows no notice deadline, and the reminders and the end-of-term job leave
it alone. Contracts terminated before the day was recorded take it from the audit log (the
migration's backfill), or say "Terminated" without a date.

New-user test 2026-11-28: after Terminate the pages still showed "Dates 2026-09-01 – 2029-12-31"
and "Notice deadline 2029-10-02", and no termination date was recorded anywhere."""

import importlib
import re
from datetime import UTC, date, datetime, timedelta
from io import BytesIO

import pytest
from auditlog.context import set_actor
from auditlog.models import LogEntry
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.urls import reverse

from bpo.core.models import Notification
from bpo.core.zones import today_in
from bpo.reports import services as reports
from contracts import services
from contracts.models import Contract
from contracts.services import contracts_close_or_renew

from .factories import ContractFactory

backfill = importlib.import_module("contracts.migrations.0013_termination_date").backfill


def _contract(cast, **kwargs):
    return ContractFactory(
        **{
            "program": cast.program_a,
            "vendor": cast.vendor_x,
            "number": "T-MSA",
            "status": "active",
            "terms_version": 1,
            "start_date": date(2026, 9, 1),
            "end_date": date(2029, 12, 31),
            "notice_period_days": 90,
            "auto_renewal": True,
            **kwargs,
        }
    )


def _testid(page, name, tag="dd"):
    found = re.search(rf'<{tag}[^>]*data-testid="{name}"[^>]*>(.*?)</{tag}>', page, re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", found.group(1)).split()) if found else None


def _terminate(client, cast, contract):
    client.force_login(cast.manager)
    response = client.post(reverse("contracts:contract_transition", args=[contract.pk, "terminate"]))
    assert response.status_code == 302
    contract.refresh_from_db()
    return contract


def test_terminate_records_the_day_and_the_pages_show_it_without_a_notice_deadline(cast, client):
    contract = _terminate(client, cast, _contract(cast))
    today = today_in(contract.program.time_zone)
    assert (contract.status, contract.terminated_on, contract.terminated_by) == ("terminated", today, cast.manager)
    assert contract.end_date == date(2029, 12, 31)  # the term as agreed stays recorded

    page = client.get(reverse("contracts:contract_detail", args=[contract.pk])).content.decode()
    assert _testid(page, "terminated") == f"Terminated on {today.isoformat()} · {cast.manager}"
    assert _testid(page, "dates") == f"2026-09-01 – {today.isoformat()} (its term was to run until 2029-12-31)"
    assert _testid(page, "notice-deadline") is None and "Notice deadline" not in page
    assert "2029-10-02" not in page

    client.force_login(cast.vendor_x_admin)
    portal = client.get(reverse("portal:contract_detail", args=[contract.pk])).content.decode()
    assert _testid(portal, "terminated") == f"Terminated on {today.isoformat()}"
    assert _testid(portal, "dates") == f"2026-09-01 – {today.isoformat()} (its term was to run until 2029-12-31)"
    assert "Notice deadline" not in portal and "2029-10-02" not in portal


def test_a_terminated_contract_gets_no_notice_reminder_and_is_not_renewed(cast, client):
    contract = _contract(cast, end_date=date(2026, 12, 31), notice_period_days=30)
    running = _contract(cast, number="T-RUNNING", end_date=date(2026, 12, 31), notice_period_days=30)
    contract = _terminate(client, cast, contract)
    assert contract.terminated_on is not None

    deadline = contract.notice_deadline
    assert services.contract_notice_reminders(today=deadline - timedelta(days=10)) == 1  # the running one only
    notified = set(Notification.objects.values_list("event_key", flat=True))
    assert any(key.startswith(f"contract:{running.pk}:notice:") for key in notified)
    assert not any(key.startswith(f"contract:{contract.pk}:") for key in notified)

    assert contracts_close_or_renew(today=date(2027, 1, 1)) == {"expired": 0, "renewed": 1}  # the running one
    contract.refresh_from_db()
    assert (contract.status, contract.end_date, contract.renewal_count) == ("terminated", date(2026, 12, 31), 0)


def test_an_expired_contract_shows_no_notice_deadline(cast, client):
    contract = _contract(cast, auto_renewal=False, end_date=date(2026, 10, 31), notice_period_days=30)
    assert contracts_close_or_renew(today=date(2026, 11, 1)) == {"expired": 1, "renewed": 0}
    client.force_login(cast.manager)
    page = client.get(reverse("contracts:contract_detail", args=[contract.pk])).content.decode()
    assert "Expired automatically on 2026-11-01" in page
    assert "Notice deadline" not in page and "2026-10-01" not in page


@pytest.mark.django_db(transaction=True)
def test_the_contract_register_says_when_a_contract_was_terminated(cast, client):
    from openpyxl import load_workbook

    contract = _terminate(client, cast, _contract(cast))
    running = _contract(cast, number="T-RUNNING")
    report = reports.report_request(by=cast.manager, kind="contract_register", fmt="xlsx", language="en")
    report.refresh_from_db()
    assert report.status == "done", report.error
    with report.file.open("rb") as f:
        header, *rows = list(load_workbook(BytesIO(f.read()))["Register"].iter_rows(values_only=True))
    by_number = {r[1]: dict(zip(header, r, strict=True)) for r in rows}
    ended, live = by_number["T-MSA"], by_number["T-RUNNING"]
    assert ended["Status"] == "Terminated" and ended["Terminated on"].date() == contract.terminated_on
    assert ended["Notice deadline"] is None
    assert live["Terminated on"] is None and live["Notice deadline"].date() == running.notice_deadline


def test_the_backfill_takes_the_day_and_user_from_the_audit_log(cast, client):
    cast.program_a.time_zone = "Asia/Shanghai"
    cast.program_a.save(update_fields=["time_zone"])
    logged = _contract(cast, number="T-LOGGED")
    with set_actor(cast.manager):
        logged.status = "terminated"  # as contract_set_status did before the day was recorded
        logged.save(update_fields=["status", "updated_at"])
    # One terminated at 17:00 UTC on 20 November: already the 21st in Shanghai. The audit history is
    # append-only (a PostgreSQL trigger), so the entry is written with its time, as auditlog writes it.
    earlier = _contract(cast, number="T-EARLIER")
    Contract.objects.filter(pk=earlier.pk).update(status="terminated")
    LogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(Contract),
        object_pk=str(earlier.pk),
        object_id=earlier.pk,
        object_repr=str(earlier),
        action=LogEntry.Action.UPDATE,
        changes={"status": ["active", "terminated"]},
        actor=cast.legal,
        timestamp=datetime(2026, 11, 20, 17, 0, tzinfo=UTC),
    )
    unlogged = _contract(cast, number="T-UNLOGGED")
    Contract.objects.filter(pk=unlogged.pk).update(status="terminated")  # no audit entry
    active = _contract(cast, number="T-ACTIVE")

    backfill(apps, None)

    got = {c.number: (c.terminated_on, c.terminated_by_id) for c in Contract.objects.all()}
    assert got["T-LOGGED"] == (today_in("Asia/Shanghai"), cast.manager.pk)
    assert got["T-EARLIER"] == (date(2026, 11, 21), cast.legal.pk)
    assert got["T-UNLOGGED"] == (None, None)
    assert got["T-ACTIVE"] == (None, None)

    client.force_login(cast.manager)
    page = client.get(reverse("contracts:contract_detail", args=[unlogged.pk])).content.decode()
    assert _testid(page, "terminated") == "Terminated (the date was not recorded)"
    assert _testid(page, "dates") == "2026-09-01 – terminated (its term was to run until 2029-12-31)"
    assert "Notice deadline" not in page
    assert active.terminated_on is None


def test_only_a_terminated_contract_has_a_termination_date(cast):
    contract = _contract(cast)
    with pytest.raises(IntegrityError), transaction.atomic():
        Contract.objects.filter(pk=contract.pk).update(terminated_on=date(2026, 11, 28))
