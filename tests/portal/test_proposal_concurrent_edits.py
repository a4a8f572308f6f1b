"""Two users of one vendor share its proposal: a form opened before a colleague's submission is
refused (bpo.core.locking), what was typed kept, the colleague's price and answers untouched."""

from datetime import timedelta
from decimal import Decimal

from django.urls import reverse

from tests.vendors.world import make_event, make_proposal
from vendors.models import Proposal


def _open_version(client, url):
    html = client.get(url).content.decode()
    marker = 'name="record_version" value="'
    assert marker in html
    return html.split(marker, 1)[1].split('"', 1)[0]


def test_a_stale_proposal_form_is_refused_and_the_colleagues_submission_kept(cast, client):
    event = make_event(cast, deadline_in=timedelta(days=3))
    make_proposal(event, cast.vendor_x, price="100000.00", by=cast.vendor_x_admin)
    url = reverse("portal:proposal_edit", args=[event.pk])
    client.force_login(cast.vendor_x_admin)
    admin_version = _open_version(client, url)

    client.force_login(cast.vendor_x_user)
    agent_version = _open_version(client, url)
    agent = {"price": "200000", "answers": "Agent answers", "record_version": agent_version}
    assert client.post(url, agent).status_code == 302

    client.force_login(cast.vendor_x_admin)
    stale = {"price": "50000", "answers": "Admin answers", "record_version": admin_version}
    response = client.post(url, stale)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Someone else changed this record since you opened it" in html
    assert "Admin answers" in html and 'value="50000"' in html  # what was typed is kept
    proposal = Proposal.objects.get(event=event, vendor=cast.vendor_x)
    assert proposal.price == Decimal("200000") and proposal.answers == "Agent answers"
    # The re-shown form keeps its old version: resubmitting it is refused again.
    assert client.post(url, stale).status_code == 400
    assert Proposal.objects.get(pk=proposal.pk).price == Decimal("200000")
    # After a reload the admin's revision goes through.
    fresh = {**stale, "record_version": _open_version(client, url)}
    assert client.post(url, fresh).status_code == 302
    assert Proposal.objects.get(pk=proposal.pk).price == Decimal("50000")


def test_a_form_opened_before_the_first_submission_does_not_overwrite_it(cast, client):
    event = make_event(cast, deadline_in=timedelta(days=3))
    url = reverse("portal:proposal_edit", args=[event.pk])
    client.force_login(cast.vendor_x_admin)
    admin_version = _open_version(client, url)
    client.force_login(cast.vendor_x_user)
    agent = {"price": "200000", "answers": "Agent answers", "record_version": _open_version(client, url)}
    assert client.post(url, agent).status_code == 302

    client.force_login(cast.vendor_x_admin)
    response = client.post(url, {"price": "50000", "answers": "Admin", "record_version": admin_version})
    assert response.status_code == 400 and "Someone else changed this record" in response.content.decode()
    assert Proposal.objects.get(event=event).price == Decimal("200000")
