"""A requirement check with an invalid value (passed=false, an unknown requirement) is refused on
the proposal page with a 400 and the reason, and records nothing (user test 2026-11-28: 302,
nothing recorded, no error)."""

from django.urls import reverse

from vendors.models import RequirementCheck

from .world import make_event, make_proposal


def test_invalid_requirement_check_is_refused_with_a_message(cast, client):
    event = make_event(cast)
    proposal = make_proposal(event, cast.vendor_x)
    requirement = event.requirements.get()
    url = reverse("vendors:proposal_detail", args=[proposal.pk])
    client.force_login(cast.manager)

    answer = client.post(url, {"requirement": requirement.pk, "passed": "false"})
    assert answer.status_code == 400 and "Choose pass or fail." in answer.content.decode()
    answer = client.post(url, {"requirement": requirement.pk + 999, "passed": "0"})
    assert answer.status_code == 400 and "Choose a mandatory requirement of this event." in answer.content.decode()
    assert not RequirementCheck.objects.exists()

    assert client.post(url, {"requirement": requirement.pk, "passed": "0"}).status_code == 302
    assert RequirementCheck.objects.get().passed is False
