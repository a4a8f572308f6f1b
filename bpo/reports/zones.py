"""The time zone a report's times are shown in, named, as the app shows times elsewhere
(bpo/core/zones.py): a report of one program, or of one contract, in that program's zone; any
other report (a vendor, everything visible) in the zone the app runs in (settings.TIME_ZONE, UTC
by default), its name shown too."""

from django.utils import timezone

from bpo.core.zones import format_in_zone


def report_zone(report) -> str:
    """The zone's name: the report's program's (its contract's program's), else the current zone."""
    if report.program_id:
        return report.program.time_zone
    if report.contract_id:
        return report.contract.program.time_zone
    return timezone.get_current_timezone_name()


def report_time(report, value) -> str:
    """2026-11-28 18:49 (Asia/Manila): a time of the report, in its zone, the zone named."""
    return format_in_zone(value, report_zone(report))
