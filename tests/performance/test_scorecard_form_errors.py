"""Scorecard pages refuse bad input next to the field, keeping what was typed (never a 500): the
review actions, resolving a dispute (accept or reject only), the vendor's dispute (at most 2,000
characters, wrapped); a scorecard is drafted for a finalized period only."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from performance.models import Period, Scorecard, ScorecardDispute
from performance.scorecards import services

from .scorecard_helpers import finalized_period, template


def _card(cast):
    template()
    card, _ = services.scorecard_draft(period=finalized_period(cast), by=cast.manager)
    return card


def _review(client, card, data):
    return client.post(reverse("performance:scorecard_review", args=[card.pk]), data)


@pytest.mark.parametrize("score", ["NaN", "Infinity", "-3", "150", "abc"])
def test_a_bad_score_is_an_error_next_to_the_score_and_is_kept(cast, client, score):
    card = _card(cast)
    manual = card.lines.get(kind="manual")
    client.force_login(cast.manager)
    response = _review(client, card, {"action": "score", "line": manual.pk, "score": score, "note": "Typed note"})
    assert response.status_code == 200
    row = response.content.decode().split('data-testid="line-manual"')[1].split("</tr>")[0]
    assert "A score is a number from 0 to 100." in row and 'value="Typed note"' in row
    manual.refresh_from_db()
    assert manual.score is None


def test_a_line_that_is_not_one_of_the_scorecard_is_an_error(cast, client):
    card = _card(cast)
    client.force_login(cast.manager)
    response = _review(client, card, {"action": "score", "line": "abc", "score": "50"})
    assert response.status_code == 200
    assert "Choose one of this scorecard&#x27;s criteria." in response.content.decode()


def test_reviewers_that_are_not_staff_of_the_program_are_an_error(cast, client):
    card = _card(cast)
    client.force_login(cast.manager)
    response = _review(client, card, {"action": "reviewers", "reviewers": "abc"})
    assert response.status_code == 200
    assert "is not a valid value" in response.content.decode()


def test_the_service_refuses_a_score_that_is_not_a_number(cast):
    card = _card(cast)
    manual = card.lines.get(kind="manual")
    for bad in ("NaN", "Infinity", "abc"):
        with pytest.raises(ValidationError):
            services.scorecard_score_line(line=manual, by=cast.manager, score=bad)


def _disputed(cast):
    card = _card(cast)
    Scorecard.objects.filter(pk=card.pk).update(status="published")
    card.refresh_from_db()
    line = card.lines.get(kind="sla_attainment")
    return card, services.scorecard_dispute(line=line, by=cast.vendor_x_user, reason="Excused")


def test_only_accept_or_reject_resolves_a_dispute(cast, client):
    _card_, dispute = _disputed(cast)
    client.force_login(cast.manager)
    url = reverse("performance:dispute_resolve", args=[dispute.pk])
    response = client.post(url, {"decision": "bogus", "resolution": "Typed resolution"})
    assert response.status_code == 200
    section = response.content.decode().split('data-testid="dispute"')[1]
    assert "Choose accept or reject." in section and "Typed resolution" in section
    dispute.refresh_from_db()
    assert dispute.status == "open"


def test_a_refused_correction_keeps_what_was_typed_next_to_the_field(cast, client):
    _card_, dispute = _disputed(cast)
    client.force_login(cast.manager)
    url = reverse("performance:dispute_resolve", args=[dispute.pk])
    response = client.post(url, {"decision": "accept", "corrected_score": "150", "resolution": "Typed"})
    page = response.content.decode()
    assert response.status_code == 200 and "A score is a number from 0 to 100." in page
    assert 'value="150"' in page and ">\nTyped</textarea>" in page
    response = client.post(url, {"decision": "accept", "resolution": "No score given"})
    assert "Give the corrected score, from 0 to 100." in response.content.decode()
    dispute.refresh_from_db()
    assert dispute.status == "open"


def test_portal_dispute_of_an_unknown_line_is_an_error_not_a_500(cast, client):
    card = _card(cast)
    Scorecard.objects.filter(pk=card.pk).update(status="published")
    client.force_login(cast.vendor_x_admin)
    response = client.post(reverse("portal:scorecard_dispute", args=[card.pk]), {"line": "abc", "reason": "x"})
    assert response.status_code == 200
    assert "Choose one of this scorecard&#x27;s criteria." in response.content.decode()
    assert not ScorecardDispute.objects.exists()


def test_a_dispute_reason_is_at_most_2000_characters_and_wraps(cast, client):
    card = _card(cast)
    Scorecard.objects.filter(pk=card.pk).update(status="published")
    line = card.lines.get(kind="sla_attainment")
    client.force_login(cast.vendor_x_admin)
    url = reverse("portal:scorecard_dispute", args=[card.pk])
    response = client.post(url, {"line": line.pk, "reason": "x" * 2001})
    page = response.content.decode()
    assert response.status_code == 200 and "At most 2000 characters; this reason has 2001." in page
    assert 'maxlength="2000"' in page and "x" * 2001 in page  # what was typed stays
    assert not ScorecardDispute.objects.exists()
    card.refresh_from_db()
    with pytest.raises(ValidationError):
        services.scorecard_dispute(line=card.lines.get(pk=line.pk), by=cast.vendor_x_admin, reason="y" * 2001)
    client.post(url, {"line": line.pk, "reason": "z" * 2000})
    assert ScorecardDispute.objects.get().reason == "z" * 2000
    portal = client.get(reverse("portal:scorecard_detail", args=[card.pk])).content.decode()
    assert 'class="long-text" data-testid="dispute-reason"' in portal
    client.force_login(cast.manager)
    staff = client.get(reverse("performance:scorecard_detail", args=[card.pk])).content.decode()
    assert '<p class="long-text" data-testid="dispute-reason">' + "z" * 2000 in staff


def test_no_scorecard_for_a_provisional_period(cast, client):
    template()
    period = finalized_period(cast)
    open_period = Period.objects.create(
        contract=period.contract, kind="monthly", start=date(2026, 2, 1), end=date(2026, 3, 1)
    )
    assert open_period.status == "provisional"
    with pytest.raises(ValidationError, match="provisional"):
        services.scorecard_draft(period=open_period, by=cast.manager)
    client.force_login(cast.manager)
    response = client.post(reverse("performance:scorecard_draft", args=[open_period.pk]), follow=True)
    assert "is provisional: its scorecard is drafted once the period is finalized" in response.content.decode()
    assert not Scorecard.objects.filter(period=open_period).exists()
