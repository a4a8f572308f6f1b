"""An initiative's benefits and realization read the same on the list and on its own page, in
English and Chinese: one figure (ImprovementInitiative.realization_pct) printed by the page
formats (bpo/core/formats.py). The list printed 12.3 under "Realized (%)", the page 12.3%."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from performance.improvement.models import ImprovementInitiative

pytestmark = pytest.mark.django_db

# expected, realized -> the realization both pages print
CASES = [
    ("400", "49", "12.30%"),  # 12.25 rounded half up to one decimal
    ("3", "2", "66.70%"),
    ("120", "90", "75%"),
    ("100", "1234.5", "1234.50%"),  # more than promised
    ("1234567.89", "1000000", "81%"),
]


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def _list_cells(page: str, title: str) -> dict:
    """The list's cells of the initiative's row, by column heading."""
    headings = [_text(h) for h in re.findall(r"<th\b[^>]*>(.*?)</th>", page.split("</thead>")[0], re.S)]
    for row in re.findall(r"<tr\b[^>]*>(.*?)</tr>", page.split("</thead>")[1], re.S):
        cells = [_text(c) for c in re.findall(r"<td\b[^>]*>(.*?)</td>", row, re.S)]
        if cells and cells[0] == title:
            return dict(zip(headings, cells, strict=True))
    raise AssertionError(f"{title} not listed")


def _detail(page: str, testid: str) -> str:
    return _text(re.search(rf'data-testid="{testid}">(.*?)</dd>', page, re.S).group(1))


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_list_and_the_initiative_page_show_the_same_figures(cast, client, language):
    items = [
        ImprovementInitiative.objects.create(
            program=cast.program_a,
            title=f"Initiative {expected}/{realized}",
            proposed_by=cast.manager,
            status="measured",
            benefit_unit="h",
            expected_benefit=Decimal(expected),
            realized_benefit=Decimal(realized),
        )
        for expected, realized, _shown in CASES
    ]
    cast.manager.language = language
    cast.manager.save(update_fields=["language"])
    client.force_login(cast.manager)
    client.cookies["django_language"] = language
    listing = client.get(reverse("performance:initiative_list")).content.decode()
    with translation.override(language):  # the list's headings in the page's language
        realized_pct, expected, realized = (
            str(gettext(h)) for h in ("Realized (%)", "Expected benefit", "Realized benefit")
        )
    for item, (_e, _r, shown) in zip(items, CASES, strict=True):
        row = _list_cells(listing, item.title)
        page = client.get(item.get_absolute_url()).content.decode()
        assert row[realized_pct] == _detail(page, "realization") == shown, (language, item.title)
        assert f"{row[expected]} h" == _detail(page, "expected-benefit"), (language, item.title)
        assert f"{row[realized]} h" == _detail(page, "realized-benefit"), (language, item.title)
    assert realized_pct == {"en": "Realized (%)", "zh-hans": "实现率（%）"}[language]  # the page's language
