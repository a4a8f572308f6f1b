"""An incident's times are typed and shown in its program's time zone, the zone named, as
sourcing deadlines are (bpo/core/zones.py), not in the server's (user test 2026-11-27)."""

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from risk.models import Incident
from strategy.models import Program

from .test_consistency import _incident_form, _login


@pytest.fixture
def shanghai(cast):
    Program.objects.filter(pk=cast.program_a.pk).update(time_zone="Asia/Shanghai")
    return cast


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_incident_times_are_typed_and_shown_in_the_programs_zone(shanghai, client, language):
    cast = shanghai
    _login(client, cast.contributor, language)
    data = _incident_form(cast, occurred_at="2026-11-26T09:30", status="resolved", resolved_at="2026-11-26T11:45")
    assert client.post(reverse("risk:incident_create"), data).status_code == 302
    incident = Incident.objects.get()
    assert incident.occurred_at == datetime(2026, 11, 26, 1, 30, tzinfo=UTC)
    assert incident.resolved_at == datetime(2026, 11, 26, 3, 45, tzinfo=UTC)

    url = reverse("risk:incident_add_event", args=[incident.pk])
    assert client.post(url, {"entry": "Carrier called back", "at": "2026-11-26T10:05"}).status_code == 302
    assert incident.events.get(entry="Carrier called back").at == datetime(2026, 11, 26, 2, 5, tzinfo=UTC)

    page = client.get(incident.get_absolute_url()).content.decode()
    for shown in (
        "2026-11-26 09:30 (Asia/Shanghai)",
        "2026-11-26 11:45 (Asia/Shanghai)",
        "2026-11-26 10:05 (Asia/Shanghai)",
    ):
        assert shown in page, shown
    assert "(Asia/Shanghai)" in page[page.index('id="id_at"') - 2000 :]  # the timeline form names the zone
    listed = client.get(reverse("risk:incident_list")).content.decode()
    assert "2026-11-26 09:30 (Asia/Shanghai)" in listed

    form = client.get(reverse("risk:incident_update", args=[incident.pk])).content.decode()
    assert 'value="2026-11-26T09:30"' in form and 'value="2026-11-26T11:45"' in form
    assert "Asia/Shanghai" in form
    data.update(title="Phone outage (carrier)")
    assert client.post(reverse("risk:incident_update", args=[incident.pk]), data).status_code == 302
    incident.refresh_from_db()
    assert incident.occurred_at == datetime(2026, 11, 26, 1, 30, tzinfo=UTC)  # unchanged by a round trip


def test_incident_api_answers_times_with_the_programs_offset(shanghai, client, django_assert_max_num_queries):
    """The API gives the same instants as the page, with the program's offset (+08:00), not the
    server's; the rows' programs are read with them, not once per row."""
    cast = shanghai
    occurred = datetime(2026, 11, 26, 1, 30, tzinfo=UTC)
    incident = Incident.objects.create(
        program=cast.program_a,
        title="Phone outage",
        description="Carrier down",
        severity="sev2",
        status="resolved",
        occurred_at=occurred,
        resolved_at=datetime(2026, 11, 26, 3, 45, tzinfo=UTC),
        plan_activated_at=datetime(2026, 11, 26, 1, 40, tzinfo=UTC),
    )
    client.force_login(cast.manager)
    row = client.get(reverse("incident-detail", args=[incident.pk])).json()
    assert row["occurred_at"] == "2026-11-26T09:30:00+08:00"
    assert row["resolved_at"] == "2026-11-26T11:45:00+08:00"
    assert row["plan_activated_at"] == "2026-11-26T09:40:00+08:00"
    assert row["reviewed_at"] is None

    for _ in range(5):
        Incident.objects.create(
            program=cast.program_a, title="x", description="y", severity="sev3", occurred_at=occurred
        )
    with django_assert_max_num_queries(12) as few:
        assert client.get(reverse("incident-list")).status_code == 200
    for _ in range(20):
        Incident.objects.create(
            program=cast.program_a, title="x", description="y", severity="sev3", occurred_at=occurred
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        listed = client.get(reverse("incident-list"), {"page_size": 100}).json()
    assert all(item["occurred_at"] == "2026-11-26T09:30:00+08:00" for item in listed["results"])
