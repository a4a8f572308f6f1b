"""A drill run's participants are people who may see the drill's program, as the risk owner and
corrective action owner pickers offer: a member of another program only is neither offered nor
accepted when posted, and the refusal is shown next to the field (user test 2026-11-28)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from risk import services

from .test_drills_and_actions import drill  # noqa: F401 (fixture)


def _post(client, record, participants):
    a, b = record.objectives.order_by("pk")
    return client.post(
        reverse("risk:drill_run", args=[record.pk]),
        {
            "run_on": timezone.localdate().isoformat(),
            "participants": [p.pk for p in participants],
            f"result_{a.pk}": "met",
            f"result_{b.pk}": "not_met",
            "findings": "Bridge opened late",
        },
    )


def test_the_form_offers_only_people_who_may_see_the_program(cast, client, drill):  # noqa: F811
    client.force_login(cast.manager)
    form = client.get(reverse("risk:drill_run", args=[drill.pk])).context["form"]
    offered = set(form.fields["participants"].queryset)
    assert {cast.manager, cast.contributor, cast.viewer} <= offered
    assert cast.outsider not in offered and cast.vendor_x_user not in offered


@pytest.mark.parametrize(("language", "message"), [("en", "may see this drill"), ("zh-hans", "可查看此演练所属项目")])
def test_a_posted_outsider_is_refused_next_to_the_field(cast, client, drill, language, message):  # noqa: F811
    cast.manager.language = language
    cast.manager.save(update_fields=["language"])
    client.force_login(cast.manager)
    response = _post(client, drill, [cast.contributor, cast.outsider])
    assert response.status_code == 200
    errors = response.context["form"].errors["participants"]
    assert any(message in e for e in errors), errors
    drill.refresh_from_db()
    assert drill.status != "completed" and not drill.participants.exists()
    assert _post(client, drill, [cast.contributor]).status_code == 302
    assert list(drill.participants.all()) == [cast.contributor]


def test_the_service_refuses_an_outsider(cast, drill):  # noqa: F811
    a, b = drill.objectives.order_by("pk")
    with pytest.raises(ValidationError) as exc:
        services.drill_record_run(
            drill=drill,
            by=cast.manager,
            run_on=timezone.localdate(),
            results={a.pk: ("met", ""), b.pk: ("met", "")},
            participants=[cast.outsider],
        )
    assert "participants" in exc.value.message_dict
