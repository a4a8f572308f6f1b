"""A scorecard's band is shown only with a total: a draft with no criterion scored shows neither,
and a total of 0.00 is a total (shown as 0.00 with its band, not as the dash of "no total")."""

from django.urls import reverse

from performance.models import Scorecard
from performance.scorecards import services

from .scorecard_helpers import finalized_period, template


def _page(client, card, user, portal=False):
    client.force_login(user)
    name = "portal:scorecard_detail" if portal else "performance:scorecard_detail"
    return client.get(reverse(name, args=[card.pk])).content.decode()


def test_a_draft_with_no_criterion_scored_shows_no_band(cast, client):
    template()
    card, _ = services.scorecard_draft(period=finalized_period(cast, states=("insufficient",)), by=cast.manager)
    assert card.total is None
    Scorecard.objects.filter(pk=card.pk).update(band="unsatisfactory")  # a band left from an earlier total
    card.refresh_from_db()
    assert card.get_band_display() == ""
    page = _page(client, card, cast.manager)
    assert 'data-testid="total">—<' in page and "Unsatisfactory" not in page


def test_a_total_of_zero_is_shown_with_its_band(cast, client):
    template()
    card, _ = services.scorecard_draft(period=finalized_period(cast, states=("breach",)), by=cast.manager)
    assert card.total == 0 and card.band == "unsatisfactory"
    page = _page(client, card, cast.manager)
    assert 'data-testid="total">0.00<' in page and "Unsatisfactory" in page
    Scorecard.objects.filter(pk=card.pk).update(status="published")
    portal = _page(client, card, cast.vendor_x_admin, portal=True)
    assert 'data-testid="total">0.00<' in portal and "Unsatisfactory" in portal
    listing = client.get(reverse("portal:scorecard_list")).content.decode()
    assert "<td>0.00</td>" in listing
