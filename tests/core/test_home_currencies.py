"""The home page never adds money of different currencies (there are no exchange rates): the
budget burn / spend tile shows its figures per currency, and every amount names its currency."""

import re
from html import unescape

import pytest
from django.urls import reverse

from tests.core.test_dashboards import world


@pytest.fixture
def two_currencies(cast):
    """Program A in USD and program B in CNY (its contract too), each a budget of 1000 with 800 spent,
    and a pending credit of 120 on each contract."""
    cast.program_b.currency = "CNY"
    cast.program_b.save(update_fields=["currency"])
    world(cast, cast.program_a)
    b = world(cast, cast.program_b, vendor=cast.vendor_y)
    b["contract"].currency = "CNY"
    b["contract"].save(update_fields=["currency"])
    return cast


def _tile(client, user, key, language):
    """(headline, [note lines]) of the tile `key` on the user's home page in `language`."""
    user.language = language
    user.save(update_fields=["language"])
    client.force_login(user)
    client.cookies["django_language"] = language
    html = client.get(reverse("core:home") + "?refresh=1").content.decode()
    match = re.search(rf'data-tile="{key}">(.*?)</li>', html, re.S)
    assert match, key
    value = re.search(r'<span class="tile-value">([^<]*)</span>', match.group(1)).group(1)
    notes = re.findall(r'<span class="tile-note">([^<]*)</span>', match.group(1))
    return unescape(value), [unescape(n) for n in notes]


@pytest.mark.parametrize(
    ("role", "language", "headline", "lines"),
    [
        (
            "finance",
            "en",
            "2 currencies",
            ["CNY 80% · 800.00 of 1,000.00 planned", "USD 80% · 800.00 of 1,000.00 planned"],
        ),
        (
            "finance",
            "zh-hans",
            "2 种货币",
            ["CNY 80% · 已支出 800.00 / 计划 1,000.00", "USD 80% · 已支出 800.00 / 计划 1,000.00"],
        ),
        (
            "executive",
            "en",
            "2 currencies",
            ["CNY 80% · 800.00 of 1,000.00 planned", "USD 80% · 800.00 of 1,000.00 planned"],
        ),
        (
            "executive",
            "zh-hans",
            "2 种货币",
            ["CNY 80% · 已支出 800.00 / 计划 1,000.00", "USD 80% · 已支出 800.00 / 计划 1,000.00"],
        ),
        # the manager sees program A only: one currency, so its percentage is the headline
        ("manager", "en", "80%", ["USD 800.00 of 1,000.00 planned"]),
        ("manager", "zh-hans", "80%", ["USD 已支出 800.00 / 计划 1,000.00"]),
    ],
)
def test_the_burn_tile_shows_each_currency_never_a_mixed_sum(two_currencies, client, role, language, headline, lines):
    value, notes = _tile(client, getattr(two_currencies, role), "budget-burn", language)
    assert value == headline
    assert notes == lines
    assert "2,000.00" not in "".join(notes)  # never the two budgets added


def test_a_currency_with_no_budget_has_no_percentage(two_currencies, client):
    from strategy.models import BudgetLine

    BudgetLine.objects.filter(program=two_currencies.program_b).delete()
    value, notes = _tile(client, two_currencies.finance, "budget-burn", "en")
    assert value == "2 currencies"
    assert notes == ["CNY — · 800.00 of 0.00 planned", "USD 80% · 800.00 of 1,000.00 planned"]


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_credit_tile_amounts_are_per_currency(two_currencies, client, language):
    value, notes = _tile(client, two_currencies.finance, "credits-pending", language)
    assert value == "2"
    word = "amount" if language == "en" else "金额"
    assert notes == [f"{word} CNY 120.00 · USD 120.00"]
    value, notes = _tile(client, two_currencies.finance, "credits-provisional", language)
    assert (value, notes) == ("0", [f"{word} 0.00"])


def test_the_burn_figures_carry_the_programs_currency(two_currencies):
    from delivery.dashboard import burn, burn_by_currency

    a, b = two_currencies.program_a.pk, two_currencies.program_b.pk
    figures = burn([a, b])
    assert (figures[a]["currency"], figures[b]["currency"]) == ("USD", "CNY")
    rows = burn_by_currency(figures.values())
    assert [(r["currency"], r["planned"], r["actual"], r["pct"]) for r in rows] == [
        ("CNY", 1000, 800, 80),
        ("USD", 1000, 800, 80),
    ]
