"""Sealed proposals: before the submission deadline no staff user, administrators included,
gets anything of a proposal, through pages, the API or exports; after it they open."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from vendors.models import Proposal
from vendors.services import proposal_submit

from .world import make_event

# The event's readers (finance and legal read no sourcing at all: test_legal_finance_sourcing.py).
STAFF = ["admin", "manager", "evaluator", "viewer", "executive"]
SECRET_PRICE = Decimal("987654.32")


@pytest.fixture
def open_event(cast):
    event = make_event(cast, deadline_in=timedelta(days=3))
    proposal = proposal_submit(
        event=event,
        by=cast.vendor_x_admin,
        price=SECRET_PRICE,
        answers="Our secret approach",
        price_breakdown="Agents: 987654.32",
    )
    return event, proposal


def _pass_the_deadline(event):
    type(event).objects.filter(pk=event.pk).update(
        questions_deadline=event.questions_deadline - timedelta(days=4),
        submission_deadline=event.submission_deadline - timedelta(days=4),
    )


def _seen(text):
    return any(s in text for s in ("987654", "987,654", "Our secret approach"))


@pytest.mark.parametrize("role", STAFF)
def test_no_staff_page_shows_a_sealed_proposal(cast, client, open_event, role):
    event, proposal = open_event
    client.force_login(getattr(cast, role))
    assert client.get(reverse("vendors:proposal_detail", args=[proposal.pk])).status_code == 404
    for name in ("vendors:event_detail", "vendors:evaluation"):
        response = client.get(reverse(name, args=[event.pk]))
        assert response.status_code == 200 and not _seen(response.content.decode())
    page = client.get(reverse("vendors:event_detail", args=[event.pk])).content.decode()
    assert "Proposals are sealed" in page and "They open on" in page


@pytest.mark.parametrize("role", STAFF)
def test_no_export_or_api_call_returns_a_sealed_proposal(cast, client, open_event, role):
    event, proposal = open_event
    user = getattr(cast, role)
    client.force_login(user)
    export = client.get(reverse("vendors:evaluation", args=[event.pk]) + "?export=csv")
    if export.status_code == 200:  # the evaluator still scoring gets 403 instead
        body = b"".join(export.streaming_content).decode()
        assert not _seen(body) and "Vendor X" not in body
    api = APIClient()
    api.force_authenticate(user)
    assert api.get(f"/api/v1/proposals/{proposal.pk}/").status_code == 404
    assert api.get("/api/v1/proposals/").json()["count"] == 0
    ranking = api.get(f"/api/v1/sourcing-events/{event.pk}/ranking/").json()
    assert ranking["sealed"] is True and ranking["rows"] == []


def test_the_audit_history_does_not_carry_the_sealed_price(cast, client, open_event):
    from auditlog.models import LogEntry

    _event, proposal = open_event
    entries = LogEntry.objects.get_for_object(proposal)
    assert entries.exists()
    assert not any(_seen(str(e.changes)) for e in entries)


def test_the_admin_site_lists_no_sealed_proposal(cast, client, open_event):
    client.force_login(cast.admin)
    response = client.get(reverse("admin:vendors_proposal_changelist"))
    assert response.status_code == 200 and "Vendor X" not in response.content.decode()


def test_the_vendor_sees_its_own_proposal_but_never_another(cast, client, open_event):
    event, proposal = open_event
    api = APIClient()
    api.force_authenticate(cast.vendor_x_user)
    assert api.get(f"/api/v1/proposals/{proposal.pk}/").json()["price"] == "987654.32"
    api.force_authenticate(cast.vendor_y_admin)
    assert api.get(f"/api/v1/proposals/{proposal.pk}/").status_code == 404


def test_proposals_open_at_the_deadline(cast, client, open_event):
    event, proposal = open_event
    _pass_the_deadline(event)
    client.force_login(cast.manager)
    response = client.get(reverse("vendors:proposal_detail", args=[proposal.pk]))
    assert response.status_code == 200 and "987,654.32" in response.content.decode()
    api = APIClient()
    api.force_authenticate(cast.admin)
    assert api.get(f"/api/v1/proposals/{proposal.pk}/").json()["price"] == "987654.32"


def test_a_draft_proposal_is_never_shown_to_staff(cast, open_event):
    event, proposal = open_event
    Proposal.objects.filter(pk=proposal.pk).update(status="draft")
    _pass_the_deadline(event)
    assert not Proposal.objects.visible_to(cast.admin).exists()
