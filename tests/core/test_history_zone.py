"""The history panel names the time zone of its change times, as a program's times name theirs:
"2026-11-26 18:39 (UTC)". A program's record tells them in the program's zone whatever the
server's; a record without a program in the page's zone (the server's). In English and in
Simplified Chinese."""

import re
from zoneinfo import ZoneInfo

import pytest
from auditlog.models import LogEntry
from django.test import override_settings
from django.urls import reverse

from risk.models import Incident


def _change_times(client, user, language, incident):
    user.language = language
    user.save(update_fields=["language"])
    client.force_login(user)
    html = client.get(reverse("risk:incident_detail", args=[incident.pk])).content.decode()
    history = html[html.index('id="h-history"') :]
    return re.findall(r'<time class="muted" datetime="[^"]+">([^<]+)</time>', history)


@pytest.fixture
def incident(cast):
    return Incident.objects.create(program=cast.program_a, title="Outage", occurred_at="2026-11-26T18:39:00Z")


def _expected(incident, zone):
    """The entry's time (now: the history is append-only, on PostgreSQL even to tests) in the zone."""
    at = LogEntry.objects.get_for_object(incident).get().timestamp.astimezone(ZoneInfo(zone))
    return f"{at:%Y-%m-%d %H:%M} ({zone})"


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_history_names_the_zone_of_its_times(cast, client, incident, language):
    assert _change_times(client, cast.manager, language, incident) == [_expected(incident, "UTC")]


@override_settings(TIME_ZONE="Asia/Shanghai")
def test_a_programs_record_keeps_the_programs_zone_when_the_server_runs_in_another(cast, client, incident):
    assert _change_times(client, cast.manager, "en", incident) == [_expected(incident, "UTC")]
    cast.program_a.time_zone = "Asia/Manila"
    cast.program_a.save(update_fields=["time_zone"])
    assert _change_times(client, cast.manager, "en", incident) == [_expected(incident, "Asia/Manila")]


@override_settings(TIME_ZONE="Asia/Shanghai")
def test_a_record_without_a_program_names_the_pages_zone(cast, client):
    client.force_login(cast.admin)
    cast.vendor_x.save()  # a change: the vendor has no program, its history is told in the page's zone
    html = client.get(reverse("vendors:vendor_detail", args=[cast.vendor_x.pk])).content.decode()
    history = html[html.index('id="h-history"') :]
    times = re.findall(r'<time class="muted" datetime="[^"]+">([^<]+)</time>', history)
    assert times and all(t.endswith("(Asia/Shanghai)") for t in times)
