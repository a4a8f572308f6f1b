"""An approved initiative's benefit unit is fixed like its expected benefit (README: the benefit "and
unit … are fixed from then on"): the edit page shows it read-only and a posted new unit is ignored,
the service refuses a changed unit on the field (English and Chinese) and accepts the same unit
again, so other edits still save. An idea's unit may still change. The API stays read-only (405)."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from rest_framework.test import APIClient

from performance.improvement import services
from tests.strategy.test_program_pages import _field_block

pytestmark = pytest.mark.django_db


def _approved(cast):
    item = services.initiative_create(
        by=cast.contributor,
        program=cast.program_a,
        title="Automate invoice matching",
        benefit_unit="USD per year",
        expected_benefit=Decimal("1000"),
    )
    return services.initiative_approve(initiative=item, by=cast.manager)


def _opened(client, item):
    response = client.get(reverse("performance:initiative_update", args=[item.pk]))
    assert response.status_code == 200
    form = response.context["form"]
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None:
            continue
        data[name] = getattr(value, "pk", value)
    data["record_version"] = response.context["record_version"]
    return response, data


def test_the_edit_page_shows_the_unit_of_an_approved_initiative_read_only_and_keeps_it(cast, client):
    item = _approved(cast)
    client.force_login(cast.manager)
    response, data = _opened(client, item)
    block = _field_block(response.content.decode(), "benefit_unit")
    assert " disabled" in block
    data.update(benefit_unit="hours per month", title="Automate invoice matching v2")
    saved = client.post(reverse("performance:initiative_update", args=[item.pk]), data)
    assert saved.status_code == 302
    item.refresh_from_db()
    assert (item.benefit_unit, item.title) == ("USD per year", "Automate invoice matching v2")
    # the API has no write door: it cannot change the unit either
    api = APIClient()
    api.force_authenticate(cast.manager)
    url = reverse("improvement-initiative-detail", args=[item.pk])
    assert api.patch(url, {"benefit_unit": "hours per month"}, format="json").status_code == 405
    assert api.get(url).json()["benefit_unit"] == "USD per year"
    # an idea's unit still changes, on the page and in the service
    idea = services.initiative_create(by=cast.contributor, program=cast.program_a, title="Idea", benefit_unit="h")
    response, _data = _opened(client, idea)
    assert not response.context["form"].fields["benefit_unit"].disabled
    idea = services.initiative_update(initiative=idea, by=cast.contributor, benefit_unit="hours per month")
    assert idea.benefit_unit == "hours per month"


@pytest.mark.parametrize(
    ("language", "message"),
    [("en", "The benefit unit is fixed once the initiative is approved."), ("zh-hans", "举措批准后收益单位不可更改。")],
)
def test_the_service_refuses_a_changed_unit_on_the_field(cast, language, message):
    item = _approved(cast)
    with translation.override(language), pytest.raises(ValidationError) as refused:
        services.initiative_update(initiative=item, by=cast.contributor, benefit_unit="hours per month")
    assert refused.value.message_dict == {"benefit_unit": [message]}
    item.refresh_from_db()
    assert item.benefit_unit == "USD per year"
    # the same unit again (as the page sends it) is accepted, so other edits are not blocked
    item = services.initiative_update(
        initiative=item,
        by=cast.contributor,
        benefit_unit="USD per year",
        expected_benefit=Decimal("1000"),
        title="Renamed",
    )
    item.refresh_from_db()
    assert (item.title, item.benefit_unit) == ("Renamed", "USD per year")
