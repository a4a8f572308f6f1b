"""`{% load zones %}` then `{{ event.submission_deadline|in_zone:event.program.time_zone }}`:
2026-12-18 23:35 (Asia/Shanghai), the time in the program's zone with the zone named
(bpo/core/zones.py). `{{ card.acknowledged_at|date_in_zone:program.time_zone|short_date }}`: the
date it falls on in the program's zone."""

from django import template

from bpo.core.zones import date_in_zone as _date_in_zone
from bpo.core.zones import format_in_zone

register = template.Library()


@register.filter
def in_zone(value, name):
    return format_in_zone(value, name)


@register.filter
def date_in_zone(value, name):
    return _date_in_zone(value or None, name)
