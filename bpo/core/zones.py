"""Times tied to a program read in the program's time zone (`Program.time_zone`), whoever reads
them and whatever the server's zone: a Shanghai program's RFP deadline is 23:35 for everyone,
shown as "2026-12-18 23:35 (Asia/Shanghai)" on staff pages, in the portal and in notifications.
Forms take such times in the program's zone too (`naive_in_zone`, `aware_in_zone`); the API
answers ISO 8601 with the zone's offset (`isoformat_in_zone`)."""

from collections import defaultdict
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _


def zone(name: str | None) -> ZoneInfo:
    """The named zone; UTC for an empty or unknown name (the program form refuses unknown ones)."""
    try:
        return ZoneInfo(name or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def in_zone(value: datetime, name: str | None) -> datetime:
    return value.astimezone(zone(name)) if timezone.is_aware(value) else value


def date_in_zone(value: datetime | None, name: str | None) -> date | None:
    """The date a moment falls on in the zone: acknowledged at 17:30 UTC on 26 November is the
    27th for a Shanghai program."""
    return None if value is None else in_zone(value, name).date()


def today_in(name: str | None) -> date:
    """Today's date in the zone: a Shanghai program's "today" starts at 16:00 UTC the day before."""
    return timezone.now().astimezone(zone(name)).date()


def _program_zones() -> list[str]:
    """The time zones programs use (a handful): one small query, once per home page."""
    from bpo.core.dashboard import page_memo
    from strategy.models import Program

    memo = page_memo()
    if memo is not None and "program-zones" in memo:
        return memo["program-zones"]
    zones = sorted(set(Program.objects.order_by().values_list("time_zone", flat=True).distinct()))
    if memo is not None:
        memo["program-zones"] = zones
    return zones


def due_before_today_q(field: str, program_path: str = "program", *, days: int = 0, today: date | None = None) -> Q:
    """Rows whose date `field` is before today in their program's time zone ("overdue"), as one
    set-based condition: SQLite has no time zones, so today is computed here per zone the programs
    use, and zones sharing today's date share a clause (at most three dates exist at any instant):
    `(zone IN (...) AND field < that date) OR ...`; with a single date, `field < that date` for every
    row with a program. `days`: before today plus that many days (due
    within a week: `days=8`). `today`: that date in every zone instead (a test, a job run for a
    given day)."""
    if today is not None:
        return Q(**{f"{field}__lt": today + timedelta(days=days)})
    by_day = defaultdict(list)
    for name in _program_zones():
        by_day[today_in(name)].append(name)
    if len(by_day) == 1:
        # Every zone programs use is on the same date (most of the day, or one zone in use): the
        # same rows without the zone test, so without joining the program (an index-only count of
        # 45,000 overdue risks instead of a hash join with the programs).
        (day,) = by_day
        return Q(**{f"{program_path}__isnull": False, f"{field}__lt": day + timedelta(days=days)})
    condition = Q(pk__in=[])  # no program, no zone: nothing is overdue
    for day, names in sorted(by_day.items()):
        condition |= Q(**{f"{program_path}__time_zone__in": names, f"{field}__lt": day + timedelta(days=days)})
    return condition


def is_before_today(value: date | None, name: str | None) -> bool:
    """Whether a date is before today in the zone: a row's "overdue" mark, as `due_before_today_q`
    selects it (a row read with its program, no query)."""
    return value is not None and value < today_in(name)


def format_in_zone(value, name: str | None) -> str:
    """2026-12-18 23:35 (Asia/Shanghai): the time in the zone, followed by the zone's name."""
    if value in (None, ""):
        return ""
    tz = zone(name)
    return f"{date_format(in_zone(value, tz.key), 'SHORT_DATETIME_FORMAT')} ({tz.key})"


def isoformat_in_zone(value: datetime | None, name: str | None) -> str | None:
    """2026-12-18T23:35:00+08:00."""
    return None if value is None else in_zone(value, name).isoformat()


def naive_in_zone(value: datetime | None, name: str | None) -> datetime | None:
    """The wall-clock time in the zone, without a zone: what a datetime-local input shows."""
    return None if value is None else in_zone(value, name).replace(tzinfo=None)


def aware_in_zone(value: datetime | None, name: str | None) -> datetime | None:
    """A wall-clock time typed in the zone's local time, as an aware datetime. A form field has
    already made it aware in the page's time zone: the wall-clock reading is kept, the zone
    replaced."""
    if value is None:
        return None
    if timezone.is_aware(value):
        value = timezone.make_naive(value)
    return value.replace(tzinfo=zone(name))


class ProgramZoneFields:
    """A model form mixin: the datetime fields named in `zone_fields` are typed and shown in the
    program's time zone (the record's; for a new record, the program chosen in the form), with
    the zone named in their help text. Sourcing deadlines and incident times use it."""

    zone_fields: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            tz = self.instance.program.time_zone
            for name in self.zone_fields:
                self.initial[name] = naive_in_zone(getattr(self.instance, name), tz)
                self.fields[name].help_text = _("In the program's time zone (%(zone)s).") % {"zone": zone(tz).key}
        else:
            for name in self.zone_fields:
                self.fields[name].help_text = _("In the chosen program's time zone.")

    def clean(self):
        cleaned = super().clean()
        program = self.instance.program if self.instance.pk else cleaned.get("program")
        if program is not None:
            for name in self.zone_fields:
                if cleaned.get(name) is not None:
                    cleaned[name] = aware_in_zone(cleaned[name], program.time_zone)
        return cleaned
