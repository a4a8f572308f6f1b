"""A new incident's "Occurred" defaults to now in the zone of the program the form opens with,
and is empty (required) when the program is not known yet (user test 2026-11-28: at 10:22 UTC
the form showed 10:22, read in the Shanghai program's zone when saved: 8 hours early). The
"not in the future" check compares in the same zone."""

from datetime import UTC, datetime
from unittest import mock

import pytest
from django.urls import reverse

from bpo.accounts.choices import ProgramRole
from risk.models import Incident
from strategy.models import Program
from tests.factories import MembershipFactory

from .test_consistency import _incident_form

NOW = datetime(2026, 11, 28, 10, 22, tzinfo=UTC)  # 18:22 in Shanghai


@pytest.fixture
def pm(cast):
    """A manager of two programs, A in Shanghai."""
    Program.objects.filter(pk=cast.program_a.pk).update(time_zone="Asia/Shanghai")
    MembershipFactory(user=cast.manager, program=cast.program_b, role=ProgramRole.MANAGER)
    return cast.manager


def _open(client, user, **query):
    client.force_login(user)
    with mock.patch("django.utils.timezone.now", return_value=NOW):
        return client.get(reverse("risk:incident_create"), query)


def test_without_a_program_occurred_has_no_default(cast, pm, client):
    response = _open(client, pm)
    assert response.context["form"].initial.get("occurred_at") is None
    html = response.content.decode()
    assert "2026-11-28T10:22" not in html and "2026-11-28T18:22" not in html


def test_opened_from_a_program_occurred_is_now_in_its_zone(cast, pm, client):
    response = _open(client, pm, program=cast.program_a.pk)
    assert response.context["form"].initial["occurred_at"] == datetime(2026, 11, 28, 18, 22)
    assert 'value="2026-11-28T18:22"' in response.content.decode()


def test_the_only_program_is_chosen_with_now_in_its_zone(cast, client):
    Program.objects.filter(pk=cast.program_a.pk).update(time_zone="Asia/Shanghai")
    response = _open(client, cast.contributor)
    initial = response.context["form"].initial
    assert initial["program"] == cast.program_a.pk
    assert initial["occurred_at"] == datetime(2026, 11, 28, 18, 22)


def test_local_time_is_stored_and_the_future_is_told_in_the_programs_zone(cast, pm, client):
    client.force_login(pm)
    url = reverse("risk:incident_create")
    with mock.patch("django.utils.timezone.now", return_value=NOW):
        later = client.post(url, _incident_form(cast, occurred_at="2026-11-28T18:30"))
        assert later.status_code == 200 and "occurred in the future" in str(later.context["form"].errors)
        assert client.post(url, _incident_form(cast, occurred_at="2026-11-28T18:15")).status_code == 302
    assert Incident.objects.get().occurred_at == datetime(2026, 11, 28, 10, 15, tzinfo=UTC)
