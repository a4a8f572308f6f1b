"""Amounts in Simplified Chinese are grouped by thousands like in English (bpo/formats/zh_Hans)."""

from decimal import Decimal

from django.template import Context, Template
from django.utils import translation
from django.utils.formats import date_format, number_format


def test_amounts_are_grouped_in_both_languages():
    for language in ("en", "zh-hans"):
        with translation.override(language):
            assert number_format(Decimal("2220000.5"), 2, force_grouping=True) == "2,220,000.50"
            assert number_format(Decimal("960"), 2, force_grouping=True) == "960.00"


def test_chinese_keeps_django_dates_and_the_intcomma_filter_groups():
    from datetime import date

    with translation.override("zh-hans"):
        assert date_format(date(2026, 9, 5)) == "2026年9月5日"  # the rest falls back to Django's zh_Hans
        rendered = Template("{% load humanize %}{{ n|intcomma }}").render(Context({"n": 96000}))
    assert rendered == "96,000"
