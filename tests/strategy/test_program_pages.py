"""Program forms keep what was typed and show errors next to the field; detail pages show history."""

import re

import pytest
from django.urls import reverse

from bpo.accounts.models import ProgramMembership
from strategy.models import Program


def _form(**overrides):
    data = {
        "code": "CS-2027",
        "name": "Customer care 客户关怀",
        "description": "Typed description",
        "business_unit": "Customer Operations",
        "sponsor": "",
        "phase": "strategy",
        "start_date": "2027-01-01",
        "end_date": "2027-12-31",
        "currency": "USD",
        "time_zone": "Asia/Shanghai",
        "baseline_cost": "1000000.00",
        "target_savings_pct": "20",
    }
    data.update(overrides)
    return data


def _field_block(html, name):
    """The rendered <div class="field …"> block that holds the named input."""
    for block in html.split('<div class="field')[1:]:
        if f'name="{name}"' in block:
            return block
    raise AssertionError(f"no field {name}")


@pytest.mark.parametrize(
    "overrides, field, message",
    [
        ({"code": "cs 2027!"}, "code", "Use capital letters, digits and hyphens."),
        ({"end_date": "2026-06-30"}, "end_date", "The end date cannot be before the start date."),
        ({"time_zone": "Mars/Olympus"}, "time_zone", "Unknown time zone"),
        ({"code": "PA"}, "code", "already exists"),
        ({"target_savings_pct": "150"}, "target_savings_pct", "Target savings must be a percentage from 0 to 100."),
        (
            {"start_date": "2027-01-01", "end_date": "2026-01-01", "target_savings_pct": "150"},
            "target_savings_pct",
            "Target savings must be a percentage from 0 to 100.",
        ),
    ],
)
def test_invalid_program_keeps_typed_values_and_shows_the_error_next_to_the_field(
    cast, client, overrides, field, message
):
    client.force_login(cast.manager)
    before = Program.objects.count()
    data = _form(**overrides)
    response = client.post(reverse("strategy:program_create"), data)
    assert response.status_code == 200
    assert Program.objects.count() == before
    html = response.content.decode()
    block = _field_block(html, field)
    assert "has-error" in block.split(">")[0]
    assert message in block
    # everything typed comes back
    assert 'value="Customer care 客户关怀"' in html
    assert "Typed description" in html
    assert f'value="{data["code"]}"' in _field_block(html, "code")
    assert f'value="{data["end_date"]}"' in _field_block(html, "end_date")
    assert f'value="{data["time_zone"]}"' in _field_block(html, "time_zone")


def test_valid_program_is_created_with_the_creator_as_manager(cast, client):
    client.force_login(cast.manager)
    response = client.post(reverse("strategy:program_create"), _form())
    program = Program.objects.get(code="CS-2027")
    assert response.status_code == 302 and response["Location"] == program.get_absolute_url()
    assert ProgramMembership.objects.get(program=program, user=cast.manager).role == "manager"


@pytest.mark.parametrize("role", ["contributor", "finance", "executive"])
def test_users_who_manage_nothing_cannot_open_the_new_program_form(cast, client, role):
    client.force_login(getattr(cast, role))
    assert client.get(reverse("strategy:program_create")).status_code == 403
    assert client.post(reverse("strategy:program_create"), _form()).status_code == 403
    assert not Program.objects.filter(code="CS-2027").exists()


def test_edit_with_end_before_start_keeps_typed_values_and_saves_nothing(cast, client):
    client.force_login(cast.manager)
    url = reverse("strategy:program_update", args=[cast.program_a.pk])
    response = client.post(url, _form(code="PA", name="Renamed", end_date="2026-01-01"))
    assert response.status_code == 200
    assert "The end date cannot be before the start date." in _field_block(response.content.decode(), "end_date")
    assert 'value="Renamed"' in response.content.decode()
    program = Program.objects.get(pk=cast.program_a.pk)
    assert program.name == "Program A" and program.end_date is None


def test_contributor_cannot_edit_their_program_403_outsider_gets_404(cast, client):
    url = reverse("strategy:program_update", args=[cast.program_a.pk])
    client.force_login(cast.contributor)
    assert client.post(url, _form(code="PA")).status_code == 403
    client.force_login(cast.outsider)
    assert client.post(url, _form(code="PA")).status_code == 404
    assert Program.objects.get(pk=cast.program_a.pk).name == "Program A"


def test_program_detail_shows_who_changed_which_field_from_what_to_what(cast, client):
    client.force_login(cast.manager)
    url = reverse("strategy:program_update", args=[cast.program_a.pk])
    response = client.post(url, _form(code="PA", name="Customer care", end_date="2027-06-30"))
    assert response.status_code == 302
    detail = client.get(reverse("strategy:program_detail", args=[cast.program_a.pk]))
    assert detail.status_code == 200
    html = detail.content.decode()
    history = html[html.index('id="h-history"') :]
    assert str(cast.manager) in history
    rows = [
        [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td>(.*?)</td>", row)]
        for row in re.findall(r"<tr>(.*?)</tr>", history, re.S)
    ]
    by_field = {row[0].lower(): row[1:] for row in rows if len(row) == 3}
    assert by_field["name"] == ["Program A", "Customer care"]
    assert by_field["business unit"] == ["—(empty)", "Customer Operations"]  # a dash, "(empty)" for screen readers


def test_program_detail_of_another_program_is_404(cast, client):
    client.force_login(cast.manager)
    assert client.get(reverse("strategy:program_detail", args=[cast.program_b.pk])).status_code == 404


def test_program_detail_offers_edit_only_to_its_managers(cast, client):
    url = reverse("strategy:program_detail", args=[cast.program_a.pk])
    client.force_login(cast.manager)
    assert client.get(url).context["can_edit"] is True
    for role in ("contributor", "finance"):
        client.force_login(getattr(cast, role))
        response = client.get(url)
        assert response.status_code == 200 and response.context["can_edit"] is False
        assert reverse("strategy:program_update", args=[cast.program_a.pk]) not in response.content.decode()


def test_program_form_offers_only_active_staff_as_sponsor(cast, client):
    cast.viewer.is_active = False
    cast.viewer.save(update_fields=["is_active"])
    client.force_login(cast.manager)
    sponsors = set(client.get(reverse("strategy:program_create")).context["form"].fields["sponsor"].queryset)
    assert cast.executive in sponsors
    assert cast.viewer not in sponsors
    assert not {cast.vendor_x_admin, cast.vendor_x_user, cast.vendor_y_admin} & sponsors
