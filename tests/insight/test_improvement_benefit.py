"""An initiative's expected benefit is more than zero (one rule, the model's validator): the form
refuses -50 and 0 next to the field (English and Chinese), the service too, and approving an
idea whose stored benefit is not positive says what is wrong instead of asking for a benefit
that is filled in."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from performance.improvement import services
from performance.improvement.models import ImprovementInitiative
from tests.strategy.test_program_pages import _field_block

pytestmark = pytest.mark.django_db


def _form(cast, **overrides):
    data = {"program": cast.program_a.pk, "title": "Automate invoice matching", "benefit_unit": "hours/month"}
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    ("language", "message"),
    [("en", "The expected benefit must be more than zero."), ("zh-hans", "预期收益必须大于零。")],
)
@pytest.mark.parametrize("benefit", ["-50", "0"])
def test_the_form_refuses_a_benefit_that_is_not_positive_next_to_the_field(cast, client, language, message, benefit):
    cast.contributor.language = language
    cast.contributor.save(update_fields=["language"])
    client.force_login(cast.contributor)
    client.cookies["django_language"] = language
    url = reverse("performance:initiative_create")
    response = client.post(url, _form(cast, expected_benefit=benefit))
    assert response.status_code == 200 and not ImprovementInitiative.objects.exists()
    block = _field_block(response.content.decode(), "expected_benefit")
    assert "has-error" in block.split(">")[0] and message in block
    assert client.post(url, _form(cast, expected_benefit="0.01")).status_code == 302
    assert ImprovementInitiative.objects.get().expected_benefit == Decimal("0.01")


def test_the_service_refuses_it_too(cast):
    with pytest.raises(ValidationError) as refused:
        services.initiative_create(
            by=cast.contributor, program=cast.program_a, title="t", benefit_unit="h", expected_benefit=Decimal("-50")
        )
    assert list(refused.value.message_dict) == ["expected_benefit"]


def test_approving_a_stored_negative_benefit_says_what_is_wrong(cast, client):
    item = services.initiative_create(by=cast.contributor, program=cast.program_a, title="t", benefit_unit="h")
    ImprovementInitiative.objects.filter(pk=item.pk).update(expected_benefit=Decimal("-50"))  # stored before the rule
    client.force_login(cast.manager)
    response = client.post(reverse("performance:initiative_step", args=[item.pk, "approve"]), follow=True)
    page = response.content.decode()
    assert "The expected benefit must be more than zero." in page
    assert "State the expected benefit and its unit" not in page
    item.refresh_from_db()
    assert item.status == "idea"
    ImprovementInitiative.objects.filter(pk=item.pk).update(expected_benefit=Decimal("50"))
    client.post(reverse("performance:initiative_step", args=[item.pk, "approve"]))
    item.refresh_from_db()
    assert item.status == "approved"
