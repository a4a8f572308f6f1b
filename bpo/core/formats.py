"""How a page prints each kind of value, the same on list pages (tables built in Python,
bpo/core/lists.py) and detail pages (templates: `{% load formats %}`), in English and in
Simplified Chinese:

- a date: 2026-11-27 (SHORT_DATE_FORMAT, the same in both languages: bpo/formats);
- a date and time: 2026-11-27 09:30, in the page's time zone (SHORT_DATETIME_FORMAT); where
  nothing else on the page says which zone that is, followed by its name: 2026-11-27 09:30 (UTC);
- a month: 2026-11;
- an amount: grouped by thousands with 2 decimals, 2,220,000.50, followed by the currency where
  the page shows it (2,220,000.50 CNY);
- a percentage: a whole number as is, else 2 decimals, then %: 40%, 12.50%;
- another decimal number (a measurement, a service-level target, a rate): at most 4 decimals, without
  trailing zeros: 80, 99.5, 0.125 (a stored 99.5000 reads 99.5, next to a minimum of 99).

Exports (CSV/XLSX) do not use these: they write ISO dates and plain numbers (Column.export_value).
"""

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache

from django.template.defaultfilters import floatformat
from django.utils.formats import date_format, get_format
from django.utils.timezone import get_current_timezone_name, template_localtime
from django.utils.translation import get_language


def format_date(value) -> str:
    """2026-11-27; a date and time is shown as its date in the page's time zone."""
    if value in (None, ""):
        return ""
    if isinstance(value, datetime):
        value = template_localtime(value).date()
    return _short_date(value, get_language())


@lru_cache(maxsize=4096)
def _short_date(value: date, _language: str) -> str:
    """A date in the language's SHORT_DATE_FORMAT, formatted once per language: a list of 50 rows
    with four date columns formatted 200 dates through Django's format parser on every view."""
    return date_format(value, "SHORT_DATE_FORMAT")


def format_datetime(value) -> str:
    """2026-11-27 09:30 in the page's time zone; a date alone as a date."""
    if value in (None, ""):
        return ""
    if not isinstance(value, datetime):
        return format_date(value)
    return date_format(template_localtime(value), "SHORT_DATETIME_FORMAT")


def format_datetime_zone(value) -> str:
    """2026-11-27 09:30 (UTC): the time in the page's time zone, the zone named as a program's
    times name theirs (bpo/core/zones.py format_in_zone)."""
    shown = format_datetime(value)
    return f"{shown} ({get_current_timezone_name()})" if isinstance(value, datetime) else shown


def format_month(value) -> str:
    """2026-11 (an invoice's or a status report's period)."""
    if value in (None, ""):
        return ""
    return f"{value:%Y-%m}" if isinstance(value, date) else str(value)


def format_money(value, currency="") -> str:
    """2,220,000.50, or 2,220,000.50 CNY with a currency; nothing for none."""
    if value in (None, ""):
        return ""
    text = _grouped_cents(value) if _plain_grouping(get_language()) else None
    if text is None:
        text = floatformat(value, "2g")
    return f"{text} {currency}" if currency else text


_CENT = Decimal("0.01")


@lru_cache(maxsize=16)
def _plain_grouping(_language) -> bool:
    """Whether the language groups amounts as Python's "," format does (1,234,567.50): both of
    ours do (bpo/formats); then amounts skip floatformat, which cost a list of 50 invoices
    150 calls through Django's number formatting on every view."""
    return (
        get_format("DECIMAL_SEPARATOR") == "."
        and get_format("THOUSAND_SEPARATOR") == ","
        and get_format("NUMBER_GROUPING") == 3
    )


def _grouped_cents(value):
    """A Decimal or an int as floatformat(value, "2g") prints it there (half up, never -0.00),
    or None for any other value (floatformat then decides)."""
    if type(value) is int:
        value = Decimal(value)
    elif type(value) is not Decimal or not value.is_finite():
        return None
    try:
        rounded = value.quantize(_CENT, rounding=ROUND_HALF_UP)
    except InvalidOperation:  # more digits than the context holds: floatformat copes
        return None
    return f"{rounded.copy_abs() if rounded.is_zero() else rounded:,}"


def format_rate(value, currency="") -> str:
    """A price per unit (a rate card's rate, stored with 4 decimals) as amounts are shown:
    100,000.00 beside its amount 100,000.00 (it printed "100,000"), and 0.0125 with the places
    it has past the cents; with a currency, 25.50 CNY. Nothing for none."""
    if value in (None, ""):
        return ""
    text = floatformat(value, "4g")
    separator = get_format("DECIMAL_SEPARATOR")
    if separator in text:
        whole, places = text.rsplit(separator, 1)
        text = f"{whole}{separator}{places.rstrip('0').ljust(2, '0')}"
    return f"{text} {currency}" if currency else text


def format_percent(value) -> str:
    """40%, 12.50%; nothing for none."""
    if value in (None, ""):
        return ""
    return f"{floatformat(value, '-2')}%"


def format_count(value) -> str:
    """100,000: a count of rows or samples, grouped as amounts are (in the active language's
    separators); nothing for none."""
    if value in (None, ""):
        return ""
    return floatformat(value, "0g")


def format_number(value, *, grouped: bool = False) -> str:
    """80, 99.5, 0.125: rounded to 4 decimals, trailing zeros dropped (a measured value or a
    target is stored with 4, so floatformat:"-4" printed "expected 99.5000 · minimum 99");
    nothing for none. `grouped`: thousands grouped as amounts are, 2,220,000.5 (chart axes and
    values, bpo/core/charts.py, where a scale may run to millions)."""
    if value in (None, ""):
        return ""
    text = floatformat(value, "-4g" if grouped else "-4")
    separator = get_format("DECIMAL_SEPARATOR")
    if separator in text:
        text = text.rstrip("0").rstrip(separator)
    return "0" if text == "-0" else text
