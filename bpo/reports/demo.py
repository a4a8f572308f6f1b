"""Demo holiday calendar (called by load_demo): China's public holidays and make-up working days.

Seeded once per year and kind: the days off of a year that has no day off in the calendar yet,
and its make-up working days when it has none yet. So an administrator's changes stick: a day
they deleted does not come back on the next load, a name they edited is kept (only a year, or a
kind within a year, the administrator emptied completely is seeded again).

2026 follows the State Council's notice for 2026 (国务院办公厅关于2026年部分节假日安排的通知):
New Year's Day 1-3 January with Sunday 4 January worked; Spring Festival 15-23 February with
Saturdays 14 and 28 February worked; Labour Day 1-5 May with Saturday 9 May worked; National Day
1-7 October with Sunday 20 September and Saturday 10 October worked. So January 2026's monthly
reports go out on Sunday 4 January (a make-up working day) and October's wait for Thursday
8 October. The 2027 dates are the statutory days only (no make-up days): compare them with the
State Council's notice for 2027 when it is published.
"""

from collections import defaultdict
from datetime import date, timedelta

from django.db.models.functions import ExtractYear

from .choices import HolidayKind
from .models import Holiday

NEW_YEAR = "元旦 · New Year's Day"
SPRING_FESTIVAL = "春节 · Spring Festival"
LABOUR_DAY = "劳动节 · Labour Day"
NATIONAL_DAY = "国庆节 · National Day"
MAKE_UP = "调休上班 · Make-up working day"

# (first day, last day, name): every day of the break, weekends included (they change nothing).
BREAKS = [
    (date(2026, 1, 1), date(2026, 1, 3), NEW_YEAR),
    (date(2026, 2, 15), date(2026, 2, 23), SPRING_FESTIVAL),
    (date(2026, 5, 1), date(2026, 5, 5), LABOUR_DAY),
    (date(2026, 10, 1), date(2026, 10, 7), NATIONAL_DAY),
    (date(2027, 1, 1), date(2027, 1, 3), NEW_YEAR),
    (date(2027, 5, 1), date(2027, 5, 5), LABOUR_DAY),
    (date(2027, 10, 1), date(2027, 10, 7), NATIONAL_DAY),
]
# (day, the break it makes up for): weekend days worked in exchange for a longer break.
MAKE_UP_DAYS = [
    (date(2026, 1, 4), NEW_YEAR),  # Sunday
    (date(2026, 2, 14), SPRING_FESTIVAL),  # Saturday
    (date(2026, 2, 28), SPRING_FESTIVAL),  # Saturday
    (date(2026, 5, 9), LABOUR_DAY),  # Saturday
    (date(2026, 9, 20), NATIONAL_DAY),  # Sunday
    (date(2026, 10, 10), NATIONAL_DAY),  # Saturday
]


def demo_holidays() -> dict[date, str]:
    """{date: name} of every demo day off."""
    days = {}
    for first, last, name in BREAKS:
        day = first
        while day <= last:
            days[day] = name
            day += timedelta(days=1)
    return days


def demo_calendar() -> dict[date, tuple[str, str]]:
    """{date: (kind, name)} of every demo day: the days off and the make-up working days."""
    days = {day: (HolidayKind.DAY_OFF, name) for day, name in demo_holidays().items()}
    for day, break_name in MAKE_UP_DAYS:
        days[day] = (HolidayKind.WORKING_DAY, f"{MAKE_UP} ({break_name})")
    return days


def load_holidays() -> int:
    """Seeds the demo calendar of each year and kind that has no entry of that kind yet (one query
    to find them); returns how many days were created."""
    wanted = defaultdict(list)  # (year, kind): the demo's days
    for day, (kind, name) in demo_calendar().items():
        wanted[(day.year, kind)].append(Holiday(date=day, kind=kind, name=name))
    seeded = set(
        Holiday.objects.filter(date__year__in={year for year, _kind in wanted})
        .annotate(year=ExtractYear("date"))
        .order_by()
        .values_list("year", "kind")
        .distinct()
    )
    missing = [holiday for key, days in wanted.items() if key not in seeded for holiday in days]
    # ignore_conflicts: a concurrent load, or a date an administrator entered as the other kind.
    Holiday.objects.bulk_create(missing, ignore_conflicts=True)
    return len(missing)
