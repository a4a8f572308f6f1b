"""Every table of a contract's service-level page sits in a .table-wrap, so a narrow window
scrolls the table inside its card instead of widening the page (the Credits table did not;
at 390 px the page was 523 px wide: tests/browser/test_narrow_service_levels.py)."""

import re

from django.urls import reverse

from tests.contracts.factories import contract_of_a

from .access import _credit


def test_every_table_on_the_service_level_page_scrolls_inside_its_box(cast, client):
    _credit(cast)
    client.force_login(cast.finance)
    html = client.get(reverse("performance:dashboard", args=[contract_of_a(cast).pk])).content.decode()
    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    tables = re.findall(r"(.{0,40})<table\b", main, flags=re.S)
    assert len(tables) >= 3 and 'data-testid="credit-amount"' in main
    assert all(before.rstrip().endswith('<div class="table-wrap">') for before in tables), tables
