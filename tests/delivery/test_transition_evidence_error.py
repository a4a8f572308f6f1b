"""Marking a checklist item done without evidence is refused once, next to that item's evidence
field (400, what was typed kept), instead of as a banner after a redirect."""

import pytest
from django.urls import reverse

from .plan_factories import item

pytestmark = pytest.mark.django_db

MESSAGE = "Say what shows the item is done."


def test_empty_evidence_is_refused_once_next_to_the_field(cast, client):
    open_item = item(cast.program_a, "Run books handed over")
    other = item(cast.program_a, "Agents hired")
    client.force_login(cast.contributor)
    url = reverse("delivery:transition_item_action", args=[open_item.pk, "complete"])
    response = client.post(url, {"evidence": "   "})
    page = response.content.decode()
    assert response.status_code == 400 and page.count(MESSAGE) == 1
    assert f'id="evidence-err-{open_item.pk}"' in page and f'id="evidence-err-{other.pk}"' not in page
    open_item.refresh_from_db()
    assert not open_item.is_done
    # the next page shows no leftover banner
    assert MESSAGE not in client.get(reverse("delivery:transition", args=[cast.program_a.pk])).content.decode()
    response = client.post(url, {"evidence": "Signed hand-over sheet"})
    assert response.status_code == 302
    open_item.refresh_from_db()
    assert open_item.is_done and open_item.evidence == "Signed hand-over sheet"
