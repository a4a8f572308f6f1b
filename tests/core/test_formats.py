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


def test_one_way_to_print_each_kind_of_value_in_both_languages():
    """bpo/core/formats.py and its template filters: the list tables and the detail pages print
    through them, so a value reads the same on both, in English and in Chinese."""
    from datetime import UTC, date, datetime

    from bpo.core.formats import format_date, format_datetime, format_money, format_month, format_percent

    values = {
        "d": date(2026, 11, 27),
        "t": datetime(2026, 11, 27, 23, 30, tzinfo=UTC),
        "a": Decimal("2220000.5"),
        "p": Decimal("12.50"),
        "w": Decimal("40.00"),
        "n": Decimal("87.5000"),
    }
    template = Template(
        "{% load formats %}{{ d|short_date }}|{{ t|short_datetime }}|{{ d|month }}|{{ a|money }}|"
        "{{ a|money:'CNY' }}|{{ p|percent }}|{{ w|percent }}|{{ n|number }}|{{ none|money }}|{{ none|short_date }}"
    )
    for language in ("en", "zh-hans"):
        with translation.override(language):
            assert template.render(Context(values)) == (
                "2026-11-27|2026-11-27 23:30|2026-11|2,220,000.50|2,220,000.50 CNY|12.50%|40%|87.5||"
            )
            assert date_format(values["d"], "SHORT_DATE_FORMAT") == format_date(values["d"]) == "2026-11-27"
            assert format_datetime(values["t"]) == "2026-11-27 23:30"
            assert (format_month(values["d"]), format_money(values["a"], "USD")) == ("2026-11", "2,220,000.50 USD")
            assert format_percent(values["w"]) == "40%"


def test_amounts_print_as_floatformat_did_in_both_languages():
    """format_money skips floatformat where the language groups as Python does (both of ours):
    the same text for every kind of amount, rounding half up, never -0.00."""
    import random

    from django.template.defaultfilters import floatformat

    from bpo.core.formats import format_money

    rng = random.Random(7)
    values = [Decimal("0"), Decimal("-0"), Decimal("-0.004"), Decimal("-0.005"), Decimal("0.005")]
    values += [Decimal("-1234567.895"), Decimal("1E+3"), Decimal("99999999999999.99"), 0, 7, -1234567, 10**20]
    values += [Decimal(rng.randint(-(10**16), 10**16)).scaleb(-rng.randint(0, 6)) for _ in range(2000)]
    for language in ("en", "zh-hans"):
        with translation.override(language):
            assert [format_money(v) for v in values] == [floatformat(v, "2g") for v in values]
            assert format_money(Decimal("-0.004"), "CNY") == "0.00 CNY"
            assert format_money(Decimal("2220000.505")) == "2,220,000.51"
            assert format_money(2.5) == "2.50"  # a float: floatformat itself
