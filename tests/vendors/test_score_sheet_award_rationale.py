"""The award rationale is as long as any recorded reason may be, 2,000 characters (user test on
the demo, 2026-11-28: 20,000 characters were accepted). A longer one is refused next to the field
with the project's message (contracts.services.changes.check_reason_length), the typed text kept,
on the award page and in the service every caller goes through."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from vendors.models import AwardDecision, Criterion
from vendors.services import award_propose, evaluator_submit, score_save

from .world import make_event, make_proposal

TOO_LONG = "At most 2000 characters; this reason has 2001."


@pytest.fixture
def scored(cast):
    event = make_event(cast, invite=("vendor_x",), evaluators=("evaluator",))
    x = make_proposal(event, cast.vendor_x, price="100000")
    quality = Criterion.objects.get(event=event, is_price=False)
    score_save(proposal=x, criterion=quality, by=cast.evaluator, score=Decimal("7"))
    evaluator_submit(event=event, by=cast.evaluator)
    return event, x


def test_the_service_refuses_a_rationale_over_2000_characters(cast, scored):
    event, x = scored
    with pytest.raises(ValidationError) as refused:
        award_propose(event=event, proposal=x, by=cast.manager, rationale="r" * 2001)
    assert refused.value.message_dict == {"rationale": [TOO_LONG]}
    assert not AwardDecision.objects.exists()
    award_propose(event=event, proposal=x, by=cast.manager, rationale="r" * 2000)
    assert len(AwardDecision.objects.get().rationale) == 2000


def test_the_award_page_refuses_it_next_to_the_field_and_keeps_the_text(cast, client, scored):
    event, x = scored
    client.force_login(cast.manager)
    typed = "Best value. " + "x" * 1989  # 2,001 characters
    answer = client.post(reverse("vendors:award", args=[event.pk]), {"proposal": x.pk, "rationale": typed})
    assert answer.status_code == 200
    form = answer.context["form"]
    assert form.errors == {"rationale": [TOO_LONG]}
    assert typed in answer.content.decode()
    assert not AwardDecision.objects.exists()
