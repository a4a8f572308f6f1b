"""While a dispute on a scorecard is open the vendor cannot acknowledge it (the service refuses:
the total may change), so the portal shows no Acknowledge button, only a line saying the
acknowledgement waits for the dispute's resolution. The page and the service ask the same
predicate, Scorecard.has_open_dispute; once the dispute is resolved the button is back."""

from django.urls import reverse

from performance.models import Scorecard
from performance.scorecards import services
from tests.performance.scorecard_helpers import finalized_period, template

WAITS = "A dispute on this scorecard is still open: acknowledge it once the dispute is resolved."


def _published(cast):
    template()
    card, _ = services.scorecard_draft(period=finalized_period(cast), by=cast.manager)
    Scorecard.objects.filter(pk=card.pk).update(status="published")
    card.refresh_from_db()
    return card


def test_no_acknowledge_button_while_a_dispute_is_open(cast, client):
    card = _published(cast)
    acknowledge = reverse("portal:scorecard_acknowledge", args=[card.pk])
    page_url = reverse("portal:scorecard_detail", args=[card.pk])
    client.force_login(cast.vendor_x_user)
    before = client.get(page_url).content.decode()
    assert acknowledge in before and WAITS not in before

    dispute = services.scorecard_dispute(
        line=card.lines.get(kind="sla_attainment"), by=cast.vendor_x_user, reason="Excused"
    )
    assert card.has_open_dispute
    page = client.get(page_url).content.decode()
    assert acknowledge not in page
    assert WAITS in page

    services.scorecard_resolve_dispute(dispute=dispute, by=cast.manager, accept=False, reason="Stands")
    assert not card.has_open_dispute
    after = client.get(page_url).content.decode()
    assert acknowledge in after and WAITS not in after
