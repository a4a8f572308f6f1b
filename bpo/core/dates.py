"""The dates the product plans in: a program, a contract or a report month outside them is a typing
mistake (0001-01-01, 9999-12-31), and the month loops of the reports, the budget and the schedule
would walk thousands of years for it."""

from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .i18n import interpolate

FIRST_DATE, LAST_DATE = date(2000, 1, 1), date(2099, 12, 31)


def date_range_errors(**dates: date | None) -> dict:
    """{field: message} for each given date outside FIRST_DATE..LAST_DATE (None is not checked)."""
    return {
        name: interpolate(
            _("Enter a date from %(first)s to %(last)s."),
            {"first": FIRST_DATE.isoformat(), "last": LAST_DATE.isoformat()},
        )
        for name, value in dates.items()
        if value is not None and not FIRST_DATE <= value <= LAST_DATE
    }


def check_date_range(**dates: date | None) -> None:
    """Raises the errors of date_range_errors, each next to its field."""
    errors = date_range_errors(**dates)
    if errors:
        raise ValidationError(errors)


def schedule_errors(start: date | None, *, of: str = "program", **dates: date | None) -> dict:
    """{field: message} for each given date (None is not checked) of something scheduled in a
    program (a meeting, a training session, a drill, a task): not before the program's start (the
    contract's, `of="contract"`, for a record of a contract; FIRST_DATE when it has none) and not
    after LAST_DATE. The upper bound is LAST_DATE, not the program's end: programs are extended by
    change requests, and closure meetings and exit drills fall after an end date."""
    first = max(start, FIRST_DATE) if start else None
    if first is None:
        return date_range_errors(**dates)
    if of == "contract":
        text = _("Enter a date from the contract's start (%(first)s) to %(last)s.")
    else:
        text = _("Enter a date from the program's start (%(first)s) to %(last)s.")
    message = interpolate(text, {"first": first.isoformat(), "last": LAST_DATE.isoformat()})
    return {name: message for name, value in dates.items() if value is not None and not first <= value <= LAST_DATE}


def due_date_errors(today: date, **dates: date | None) -> dict:
    """{field: message} for each given due date before `today` (the program's today, bpo.core.zones
    today_in) or after LAST_DATE: a new due date in the past is overdue the moment it is saved."""
    message = interpolate(
        _("Enter a due date from today (%(first)s) to %(last)s."),
        {"first": today.isoformat(), "last": LAST_DATE.isoformat()},
    )
    return {name: message for name, value in dates.items() if value is not None and not today <= value <= LAST_DATE}
