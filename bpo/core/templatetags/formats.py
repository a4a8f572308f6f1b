"""The page formats of bpo/core/formats.py as template filters, so a detail page prints a value
as the list pages do: `{% load formats %}` then `{{ d|short_date }}`, `{{ t|short_datetime }}`,
`{{ t|short_datetime_zone }}` (the zone named),
`{{ p|month }}`, `{{ a|money }}` or `{{ a|money:contract.currency }}`, `{{ r|rate }}` (a price per
unit, as amounts are shown), `{{ x|percent }}`,
`{{ v|number }}`, `{{ n|count }}` (a count, grouped: 100,000), `{{ a|money_breakable }}` (for
PDF tables with many amount columns)."""

from django import template
from django.utils.formats import get_format
from django.utils.html import escape
from django.utils.safestring import mark_safe

from bpo.core import formats

register = template.Library()

register.filter("short_date", formats.format_date)
register.filter("short_datetime", formats.format_datetime)
register.filter("short_datetime_zone", formats.format_datetime_zone)
register.filter("month", formats.format_month)
register.filter("number", formats.format_number)
register.filter("count", formats.format_count)
register.filter("percent", formats.format_percent)


@register.filter
def money(value, currency=""):
    return formats.format_money(value, currency)


@register.filter
def rate(value, currency=""):
    return formats.format_rate(value, currency)


# Longer than this, an amount may break after a group separator (a PDF table's amount column).
BREAKABLE_FROM = 16


@register.filter
def money_breakable(value, currency=""):
    """`money`, but an amount near the limit (99,999,999,999,999.98) may break after its group
    separators (`span.breakable`, pdf.css): six such columns were wider than an A4 page and
    pushed the last ones off it. An ordinary amount stays on one line."""
    text = formats.format_money(value, currency)
    if len(text) < BREAKABLE_FROM:
        return text
    separator = get_format("THOUSAND_SEPARATOR")
    parts = [escape(part) for part in text.split(separator)]
    return mark_safe('<span class="breakable">' + (escape(separator) + "<wbr>").join(parts) + "</span>")
