"""Nobody approves their own charter (DOMAIN: the sponsor approves it; the submitter must not):
a manager of the program cannot be its sponsor, the submitter cannot approve or return it, and
while the charter is submitted or approved the fields its revision keeps change only in a new
revision, as its rows do."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from strategy.models import Program
from strategy.services import budget_approve, program_approve, program_create, program_revise, program_submit
from strategy.services.charter import can_approve_charter
from strategy.services.program import program_update
from tests.strategy.test_charter_services import approved_charter, budget_line, smart_objective
from tests.strategy.test_program_pages import _field_block, _form

CLOSED = "start a new revision to change it"
NOT_A_MANAGER = "cannot be one of the program"


def _api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_api_refuses_a_manager_as_sponsor(cast):
    response = _api(cast.manager).patch(
        reverse("program-detail", args=[cast.program_a.pk]), {"sponsor": cast.manager.pk}, format="json"
    )
    assert response.status_code == 400
    assert [e["attr"] for e in response.json()["errors"]] == ["sponsor"]
    assert NOT_A_MANAGER in response.json()["errors"][0]["detail"]
    assert Program.objects.get(pk=cast.program_a.pk).sponsor_id is None


def test_edit_form_does_not_offer_a_manager_as_sponsor_and_refuses_one_next_to_the_field(cast, client):
    client.force_login(cast.manager)
    url = reverse("strategy:program_update", args=[cast.program_a.pk])
    offered = _field_block(client.get(url).content.decode(), "sponsor")
    assert f'value="{cast.manager.pk}"' not in offered and f'value="{cast.executive.pk}"' in offered
    response = client.post(url, _form(code="PA", name="Program A", sponsor=str(cast.manager.pk)))
    assert response.status_code == 200
    assert "has-error" in _field_block(response.content.decode(), "sponsor").split(">")[0]
    assert Program.objects.get(pk=cast.program_a.pk).sponsor_id is None


def test_creator_cannot_sponsor_the_program_they_create(cast):
    with pytest.raises(ValidationError) as exc:
        program_create(by=cast.manager, code="NEW-1", name="New", sponsor=cast.manager)
    assert "sponsor" in exc.value.message_dict
    assert not Program.objects.filter(code="NEW-1").exists()


def test_a_non_manager_sponsor_is_accepted(cast):
    program_update(program=cast.program_a, by=cast.manager, sponsor=cast.executive)
    assert Program.objects.get(pk=cast.program_a.pk).sponsor == cast.executive


def test_the_submitter_cannot_approve_or_return_their_own_charter(cast):
    smart_objective(cast)
    budget_line(cast)
    budget_approve(program=cast.program_a, by=cast.finance)
    program_submit(program=cast.program_a, by=cast.admin)
    program = Program.objects.get(pk=cast.program_a.pk)
    assert program.submitted_by == cast.admin
    assert not can_approve_charter(program, cast.admin)
    with pytest.raises(PermissionDenied):
        program_approve(program=program, by=cast.admin)
    assert Program.objects.get(pk=cast.program_a.pk).status == "submitted"
    # Someone else (the sponsor) still can.
    Program.objects.filter(pk=program.pk).update(sponsor=cast.executive)
    program_approve(program=Program.objects.get(pk=program.pk), by=cast.executive)
    assert Program.objects.get(pk=program.pk).status == "approved"


def test_an_administrator_who_manages_the_program_cannot_approve_its_charter(cast):
    """User test: an administrator who created a program (so one of its managers) approved its
    charter once another manager had submitted it; another administrator still may."""
    from bpo.accounts.models import ProgramMembership
    from tests.factories import UserFactory

    ProgramMembership.objects.create(user=cast.admin, program=cast.program_a, role="manager")
    smart_objective(cast)
    budget_line(cast)
    budget_approve(program=cast.program_a, by=cast.finance)
    program_submit(program=cast.program_a, by=cast.manager)
    program = Program.objects.get(pk=cast.program_a.pk)
    assert not can_approve_charter(program, cast.admin)
    with pytest.raises(PermissionDenied):
        program_approve(program=program, by=cast.admin)
    other_admin = UserFactory(role=cast.admin.role)
    assert can_approve_charter(program, other_admin)
    program_approve(program=program, by=other_admin)
    assert Program.objects.get(pk=program.pk).status == "approved"


@pytest.mark.parametrize(
    "field, value",
    [
        ("sponsor", "executive"),
        ("start_date", "2027-02-01"),
        ("end_date", "2028-12-31"),
        ("baseline_cost", "2000000.00"),
        ("target_savings_pct", "35"),
    ],
)
def test_approved_charter_fields_are_refused_by_the_api(cast, field, value):
    approved_charter(cast)
    before = Program.objects.get(pk=cast.program_a.pk)
    payload = {field: getattr(cast, value).pk if value == "executive" else value}
    response = _api(cast.manager).patch(reverse("program-detail", args=[cast.program_a.pk]), payload, format="json")
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert [e["attr"] for e in errors] == [field] and CLOSED in errors[0]["detail"]
    after = Program.objects.get(pk=cast.program_a.pk)
    assert getattr(after, field) == getattr(before, field)


def test_approved_charter_fields_are_shown_frozen_on_the_edit_page(cast, client):
    """The Edit page shows what the approved revision keeps as read-only, saying why next to each
    field; a changed value posted anyway is not taken (the service refuses it too, above)."""
    approved_charter(cast)
    client.force_login(cast.manager)
    url = reverse("strategy:program_update", args=[cast.program_a.pk])
    program = Program.objects.get(pk=cast.program_a.pk)
    page = client.get(url).content.decode()
    block = _field_block(page, "baseline_cost")
    assert CLOSED in block and "disabled" in block
    assert "disabled" not in _field_block(page, "time_zone")
    response = client.post(
        url,
        _form(
            code="PA",
            name="Program A",
            baseline_cost="2000000.00",
            description=program.description,
            business_unit=program.business_unit,
            start_date="",
            end_date="",
            time_zone=program.time_zone,
            target_savings_pct=str(program.target_savings_pct),
        ),
    )
    assert response.status_code == 302
    assert Program.objects.get(pk=cast.program_a.pk).baseline_cost == program.baseline_cost


def test_fields_outside_the_charter_stay_editable_and_a_new_revision_opens_them(cast):
    approved_charter(cast)
    program_update(program=cast.program_a, by=cast.manager, time_zone="Asia/Shanghai")
    assert Program.objects.get(pk=cast.program_a.pk).time_zone == "Asia/Shanghai"
    program_revise(program=cast.program_a, by=cast.manager)
    program_update(program=cast.program_a, by=cast.manager, baseline_cost=Decimal("5"))
    assert Program.objects.get(pk=cast.program_a.pk).baseline_cost == Decimal("5")
