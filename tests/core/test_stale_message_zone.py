"""The "Someone else changed this record" message tells the other change's time in the record's
program's time zone, named, as the pages tell a program's times (it printed UTC, unnamed)."""

from datetime import UTC, datetime

from auditlog.models import LogEntry
from django.utils import translation

from bpo.core.locking import record_time_zone, stale_message
from contracts.models import Contract
from strategy.models import Program
from tests.contracts.factories import contract_of_a
from vendors.models import Vendor

AT = datetime(2026, 11, 28, 0, 47, tzinfo=UTC)


def _changed_at(obj, when=AT):
    entry = LogEntry.objects.get_for_object(obj).order_by("-timestamp", "-pk").first()
    if entry is None:
        entry = LogEntry.objects.log_create(
            obj, action=LogEntry.Action.UPDATE, changes={"x": ["a", "b"]}, force_log=True
        )
    LogEntry.objects.filter(pk=entry.pk).update(timestamp=when)


def test_a_programs_record_tells_the_time_in_the_programs_zone(cast):
    Program.objects.filter(pk=cast.program_a.pk).update(time_zone="Asia/Manila")
    contract = Contract.objects.get(pk=contract_of_a(cast).pk)
    service_level = contract.service_levels.get()
    for record in (Program.objects.get(pk=cast.program_a.pk), contract, service_level):
        _changed_at(record)
        with translation.override("en"):
            message = stale_message(record)
        assert "2026-11-28 08:47 (Asia/Manila)" in message, (record, message)
        assert "00:47" not in message


def test_a_record_without_a_program_names_the_zone(cast):
    vendor = Vendor.objects.get(pk=cast.vendor_x.pk)
    assert record_time_zone(vendor) is None
    _changed_at(vendor)
    with translation.override("en"):
        assert "00:47 (UTC)" in stale_message(vendor)
