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

# After every entry the test's own saves write (the audit history is append-only on PostgreSQL: an
# entry is added with its time, never moved).
AT = datetime(2036, 11, 28, 0, 47, tzinfo=UTC)


def _changed_at(obj, when=AT):
    entry = LogEntry.objects.log_create(obj, action=LogEntry.Action.UPDATE, changes={"x": ["a", "b"]}, force_log=True)
    LogEntry.objects.create(
        content_type=entry.content_type, object_pk=entry.object_pk, object_id=entry.object_id,
        object_repr=entry.object_repr, action=LogEntry.Action.UPDATE, changes=entry.changes, timestamp=when,
    )  # fmt: skip


def test_a_programs_record_tells_the_time_in_the_programs_zone(cast):
    Program.objects.filter(pk=cast.program_a.pk).update(time_zone="Asia/Manila")
    contract = Contract.objects.get(pk=contract_of_a(cast).pk)
    service_level = contract.service_levels.get()
    for record in (Program.objects.get(pk=cast.program_a.pk), contract, service_level):
        _changed_at(record)
        with translation.override("en"):
            message = stale_message(record)
        assert "2036-11-28 08:47 (Asia/Manila)" in message, (record, message)
        assert "00:47" not in message


def test_a_record_without_a_program_names_the_zone(cast):
    vendor = Vendor.objects.get(pk=cast.vendor_x.pk)
    assert record_time_zone(vendor) is None
    _changed_at(vendor)
    with translation.override("en"):
        assert "00:47 (UTC)" in stale_message(vendor)
