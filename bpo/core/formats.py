"""How a page prints each kind of value, the same on list pages (tables built in Python,
bpo/core/lists.py) and detail pages (templates: `{% load formats %}`), in English and in
Simplified Chinese:

- a date: 2026-11-27 (SHORT_DATE_FORMAT, the same in both languages: bpo/formats);
- a date and time: 2026-11-27 09:30, in the page's time zone (SHORT_DATETIME_FORMAT);
- a month: 2026-11;
- an amount: grouped by thousands with 2 decimals, 2,220,000.50, followed by the currency where
  the page shows it (2,220,000.50 CNY);
- a percentage: a whole number as is, else 2 decimals, then %: 40%, 12.50%;
- another decimal number (a measurement, a rate): a whole number as is, else 4 decimals: 80, 0.1250.

Exports (CSV/XLSX) do not use these: they write ISO dates and plain numbers (Column.export_value).
"""

from datetime import date, datetime

from django.template.defaultfilters import floatformat
from django.utils.formats import date_format
from django.utils.timezone import template_localtime


def format_date(value) -> str:
    """2026-11-27; a date and time is shown as its date in the page's time zone."""
    if value in (None, ""):
        return ""
    if isinstance(value, datetime):
        value = template_localtime(value).date()
    return date_format(value, "SHORT_DATE_FORMAT")


def format_datetime(value) -> str:
    """2026-11-27 09:30 in the page's time zone; a date alone as a date."""
    if value in (None, ""):
        return ""
    if not isinstance(value, datetime):
        return format_date(value)
    return date_format(template_localtime(value), "SHORT_DATETIME_FORMAT")


def format_month(value) -> str:
    """2026-11 (an invoice's or a status report's period)."""
    if value in (None, ""):
        return ""
    return f"{value:%Y-%m}" if isinstance(value, date) else str(value)


def format_money(value, currency="") -> str:
    """2,220,000.50, or 2,220,000.50 CNY with a currency; nothing for none."""
    if value in (None, ""):
        return ""
    text = floatformat(value, "2g")
    return f"{text} {currency}" if currency else text


def format_percent(value) -> str:
    """40%, 12.50%; nothing for none."""
    if value in (None, ""):
        return ""
    return f"{floatformat(value, '-2')}%"


def format_number(value) -> str:
    """80, 0.1250 (floatformat:"-4", as the measurement pages print values); nothing for none."""
    if value in (None, ""):
        return ""
    return floatformat(value, "-4")
