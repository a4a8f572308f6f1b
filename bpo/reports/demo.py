"""Demo holidays (called by load_demo; idempotent: a date is added once, an administrator's edit is kept).

China's public holidays of 2026 and 2027 that can fall on the first working day of a month:
New Year's Day, Labour Day and National Day. With them, October 2026's monthly reports go out
on Thursday 8 October instead of Thursday 1 October. The 2027 dates are the statutory ones;
compare them with the State Council's notice for 2027 when it is published.
"""

from datetime import date, timedelta

from .models import Holiday

NEW_YEAR = "元旦 · New Year's Day"
LABOUR_DAY = "劳动节 · Labour Day"
NATIONAL_DAY = "国庆节 · National Day"

# (first day, last day, name): every day of the break, weekends included (they change nothing).
BREAKS = [
    (date(2026, 1, 1), date(2026, 1, 3), NEW_YEAR),
    (date(2026, 5, 1), date(2026, 5, 5), LABOUR_DAY),
    (date(2026, 10, 1), date(2026, 10, 7), NATIONAL_DAY),
    (date(2027, 1, 1), date(2027, 1, 3), NEW_YEAR),
    (date(2027, 5, 1), date(2027, 5, 5), LABOUR_DAY),
    (date(2027, 10, 1), date(2027, 10, 7), NATIONAL_DAY),
]


def demo_holidays() -> dict[date, str]:
    """{date: name} of every demo holiday."""
    days = {}
    for first, last, name in BREAKS:
        day = first
        while day <= last:
            days[day] = name
            day += timedelta(days=1)
    return days


def load_holidays() -> int:
    """Adds the demo holidays not yet in the calendar; returns how many were created."""
    days = demo_holidays()
    existing = set(Holiday.objects.filter(date__in=days).values_list("date", flat=True))
    missing = [Holiday(date=day, name=name) for day, name in days.items() if day not in existing]
    Holiday.objects.bulk_create(missing, ignore_conflicts=True)  # a concurrent load: the date is there already
    return len(missing)
