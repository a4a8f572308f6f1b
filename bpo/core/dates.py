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
