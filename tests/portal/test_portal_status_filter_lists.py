"""Every portal list with a status filter (invoices, contracts, action items, corrective
actions) treats an unknown status alike: its error next to the filter and no rows, on the page
and in the CSV export; never every row as if the filter were not there."""

import csv
import io

import pytest
from django.urls import reverse

from tests.delivery.engagement_factories import action_item_of_x
from tests.risk.records import risk_world

LISTS = [
    ("portal:invoices", "invoices"),
    ("portal:contract_list", "contracts"),
    ("portal:action_items", "items"),
    ("portal:capa_list", "actions"),
]


@pytest.fixture
def rows(cast):
    """Vendor X has an action item and a corrective action (and a contract)."""
    action_item_of_x(cast)
    return risk_world(cast)["vendor_action"]


def _csv_rows(response):
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))[1:]


@pytest.mark.parametrize(("name", "context"), LISTS)
@pytest.mark.parametrize("status", ["bogus", "proposed<b>"])
def test_an_unknown_status_shows_an_error_and_no_rows(client, cast, rows, name, context, status):
    client.force_login(cast.vendor_x_user)
    response = client.get(reverse(name), {"status": status})
    assert response.status_code == 200
    assert list(response.context[context]) == []
    page = response.content.decode()
    assert 'data-testid="status-error"' in page and "is not a status of this list" in page
    assert "<b>" not in page.split('data-testid="status-error"')[1][:200]  # escaped
    assert _csv_rows(client.get(reverse(name), {"status": status, "export": "csv"})) == []


def test_action_items_and_corrective_actions_still_narrow_to_a_known_status(client, cast, rows):
    client.force_login(cast.vendor_x_user)
    for name, context in LISTS[2:]:
        every = list(client.get(reverse(name)).context[context])
        assert every, name
        status = every[0].status
        narrowed = client.get(reverse(name), {"status": status})
        assert list(narrowed.context[context]) == [r for r in every if r.status == status]
        assert f'<option value="{status}" selected>' in narrowed.content.decode()
        assert len(_csv_rows(client.get(reverse(name), {"status": status, "export": "csv"}))) == len(
            list(narrowed.context[context])
        )
    # A proposed action is never the vendor's: not offered, and unknown as a filter.
    assert 'value="proposed"' not in client.get(reverse("portal:capa_list")).content.decode()
    assert list(client.get(reverse("portal:capa_list"), {"status": "proposed"}).context["actions"]) == []
