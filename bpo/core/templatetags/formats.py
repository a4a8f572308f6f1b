"""The page formats of bpo/core/formats.py as template filters, so a detail page prints a value
as the list pages do: `{% load formats %}` then `{{ d|short_date }}`, `{{ t|short_datetime }}`,
`{{ t|short_datetime_zone }}` (the zone named),
`{{ p|month }}`, `{{ a|money }}` or `{{ a|money:contract.currency }}`, `{{ r|rate }}` (a price per
unit, as amounts are shown), `{{ x|percent }}`,
`{{ v|number }}`, `{{ n|count }}` (a count, grouped: 100,000)."""

from django import template

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
