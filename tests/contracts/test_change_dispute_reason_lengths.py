"""A reason recorded on a change request or a dispute is at most 2,000 characters, as any other
recorded reason: a decision's comments, an escalation's reason and a resolution (shown on the
pages and sent in notifications) were taken at any length."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from contracts import services
from contracts.models import ChangeRequest, Dispute

from .factories import ContractFactory

LONG = "x" * 2001


@pytest.fixture
def signed(cast):
    contract = ContractFactory(
        program=cast.program_a, vendor=cast.vendor_x, status="active", start_date=date(2025, 1, 1)
    )
    services.contracts.record_version(contract, cast.manager)
    return contract


@pytest.fixture
def assessed(cast, signed):
    change = services.change_request_create(
        contract=signed, by=cast.manager, title="Fee", description="d", proposed_terms={"monthly_fee": "1234.00"}
    )
    return services.change_request_assess(change=change, by=cast.manager, cost_impact=None)


@pytest.fixture
def dispute(cast, signed):
    return services.dispute_open(contract=signed, by=cast.manager, title="Credits", description="d")


def test_a_rejection_of_more_than_2000_characters_is_refused_next_to_the_comments(cast, client, assessed):
    client.force_login(cast.manager)
    response = client.post(reverse("contracts:change_detail", args=[assessed.pk]), {"approve": "0", "comments": LONG})
    assert response.status_code == 200
    assert "2001" in " ".join(response.context["decision_form"].errors["comments"])
    assert ChangeRequest.objects.get(pk=assessed.pk).status == "assessed"
    with pytest.raises(ValidationError) as exc:
        services.change_request_decide(change=assessed, by=cast.manager, approve=False, comments=LONG)
    assert "decision_comments" in exc.value.message_dict


def test_a_resolution_of_more_than_2000_characters_is_refused_next_to_it(cast, client, dispute):
    client.force_login(cast.manager)
    response = client.post(reverse("contracts:dispute_detail", args=[dispute.pk]), {"resolution": LONG})
    assert response.status_code == 200
    assert "2001" in " ".join(response.context["form"].errors["resolution"])
    assert Dispute.objects.get(pk=dispute.pk).status == "open"
    with pytest.raises(ValidationError) as exc:
        services.dispute_resolve(dispute=dispute, by=cast.manager, resolution=LONG)
    assert "resolution" in exc.value.message_dict


def test_an_escalation_reason_of_more_than_2000_characters_is_refused(cast, dispute):
    with pytest.raises(ValidationError) as exc:
        services.dispute_escalate(dispute=dispute, by=cast.manager, reason=LONG)
    assert "reason" in exc.value.message_dict
    assert Dispute.objects.get(pk=dispute.pk).level == dispute.level
    services.dispute_escalate(dispute=dispute, by=cast.manager, reason="x" * 2000)
    assert Dispute.objects.get(pk=dispute.pk).level == dispute.level + 1
