"""The portal proposal form takes numbers in plain digits: exponent notation (1e5) is refused next
to the field, as the staff score sheet refuses 1e1 (README), instead of being saved as 100000."""

from datetime import timedelta

import pytest
from django.urls import reverse

from tests.vendors.world import make_event
from vendors.models import Proposal


@pytest.mark.parametrize("price", ["1e5", "1E5", "100000e0", "1e+5"])
def test_an_exponent_price_is_refused_next_to_the_field(cast, client, price):
    event = make_event(cast, deadline_in=timedelta(days=3))
    client.force_login(cast.vendor_x_admin)
    response = client.post(reverse("portal:proposal_edit", args=[event.pk]), {"price": price, "answers": "Yes"})
    assert response.status_code == 400
    assert response.context["form"].errors["price"] == [
        "Write the number in plain digits, without exponent notation (100000, not 1e5)."
    ]
    assert not Proposal.objects.exists()


def test_an_exponent_amount_in_the_breakdown_is_refused_next_to_the_field(cast, client):
    event = make_event(cast, deadline_in=timedelta(days=3))
    client.force_login(cast.vendor_x_admin)
    response = client.post(
        reverse("portal:proposal_edit", args=[event.pk]),
        {"price": "100000", "price_breakdown": "Agents: 1e5", "answers": "Yes"},
    )
    assert response.status_code == 400
    assert "price_breakdown" in response.context["form"].errors
    assert not Proposal.objects.exists()


def test_plain_digits_are_still_accepted(cast, client):
    event = make_event(cast, deadline_in=timedelta(days=3))
    client.force_login(cast.vendor_x_admin)
    response = client.post(
        reverse("portal:proposal_edit", args=[event.pk]),
        {"price": "100000.50", "price_breakdown": "Agents: 90,000\nSetup: 10000.50", "answers": "Yes"},
    )
    assert response.status_code == 302
    assert str(Proposal.objects.get().price) == "100000.50"
