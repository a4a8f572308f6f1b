"""A yes/no filter with a value other than yes, no or empty ("maybe") is the filter's error:
the page shows it next to the filter and lists nothing, the API answers 400 on that filter.
Django's NullBooleanSelect read "maybe" as "Any" and every row was listed."""

import pytest
from django.urls import reverse

from tests.delivery.engagement_factories import action_item_of_x, communication_of_a, support_request_of_x
from tests.risk.records import risk_world

pytestmark = pytest.mark.django_db

ERROR = "Choose Yes or No, or leave the filter empty."

# (page url name, API prefix, filter, makes a row, marker of that row)
CASES = [
    ("delivery:action_item_list", "action-items", "overdue", action_item_of_x, "Send the staffing plan"),
    ("delivery:communication_list", "communications", "overdue", communication_of_a, "Business owners"),
    ("delivery:support_list", "support-requests", "active", support_request_of_x, "Reset my CRM access"),
    ("risk:risk_list", "risks", "review_overdue", lambda c: risk_world(c)["risk"], "Agent attrition"),
    ("risk:action_list", "corrective-actions", "overdue", lambda c: None, "Hire a retention lead"),
]


def _results(page: str) -> str:
    return page.split('id="list-results"')[1] if 'id="list-results"' in page else page


@pytest.mark.parametrize(("url_name", "prefix", "name", "make", "marker"), CASES)
def test_an_unknown_yes_no_value_is_an_error_and_lists_nothing(cast, client, url_name, prefix, name, make, marker):
    risk_world(cast) if url_name == "risk:action_list" else make(cast)
    client.force_login(cast.admin)
    url = reverse(url_name)
    assert marker in _results(client.get(url).content.decode())
    assert marker in _results(client.get(url, {name: "unknown"}).content.decode())
    page = client.get(url, {name: "maybe"}).content.decode()
    assert ERROR in page and marker not in _results(page)
    listed = client.get(f"/api/v1/{prefix}/")
    assert listed.status_code == 200 and listed.json()["count"] >= 1
    refused = client.get(f"/api/v1/{prefix}/", {name: "maybe"})
    assert refused.status_code == 400, refused.content[:300]
    assert refused.json()["errors"][0]["attr"] == name and "results" not in refused.json()
    for value in ("true", "false", "True", ""):
        assert client.get(f"/api/v1/{prefix}/", {name: value}).status_code == 200, value


def test_an_unknown_yes_no_value_is_an_error_in_chinese(cast, client):
    action_item_of_x(cast)
    cast.admin.language = "zh-hans"
    cast.admin.save()
    client.force_login(cast.admin)
    page = client.get(reverse("delivery:action_item_list"), {"overdue": "maybe"}).content.decode()
    assert "请选择“是”或“否”，或不填此筛选条件。" in page and ERROR not in page
