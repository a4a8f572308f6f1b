"""The history on a record's page prints dates and times as the rest of the page does
(bpo/core/formats.py: 2026-11-27, 2026-11-27 18:39), in English and in Simplified Chinese, not
auditlog's "Nov. 27, 2026, 6:39 p.m." / "2026年11月27日 18:39" (user test 2026-11-27)."""

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from bpo.core.history import history_for
from bpo.core.locking import stale_message
from risk.models import Incident
from strategy.models import Program

LANGUAGES = ["en", "zh-hans"]


def _history(client, user, language, url) -> str:
    user.language = language
    user.save(update_fields=["language"])
    client.force_login(user)
    html = client.get(url).content.decode()
    return html[html.index('id="h-history"') :]


def _moved_incident(cast):
    at = datetime(2026, 11, 26, 18, 39, tzinfo=ZoneInfo("UTC"))
    incident = Incident.objects.create(program=cast.program_a, title="Outage", occurred_at=at)
    incident.occurred_at = at.replace(hour=9, minute=30)
    incident.save()
    return incident


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_changed_time_reads_as_the_page_prints_times(cast, client, language):
    incident = _moved_incident(cast)
    history = _history(client, cast.manager, language, reverse("risk:incident_detail", args=[incident.pk]))
    assert "2026-11-26 18:39" in history and "2026-11-26 09:30" in history
    for other in ("Nov.", "p.m.", "a.m.", "年"):
        assert other not in history


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_changed_date_reads_as_the_page_prints_dates(cast, client, language):
    program = Program.objects.get(pk=cast.program_a.pk)
    program.start_date = date(2026, 1, 5)
    program.save()
    program.start_date = date(2026, 2, 7)
    program.save()
    history = _history(client, cast.manager, language, reverse("strategy:program_detail", args=[program.pk]))
    assert "2026-02-07" in history and "2026-01-05" in history
    for other in ("Jan.", "Feb.", "年"):
        assert other not in history


def test_history_for_gives_the_page_format(cast):
    change = next(c for c in history_for(_moved_incident(cast))[0]["changes"] if c["new"])
    # A program's record: its times in the program's zone (program A's, UTC), the zone named.
    assert (change["old"], change["new"]) == ("2026-11-26 18:39 (UTC)", "2026-11-26 09:30 (UTC)")


def test_the_stale_edit_message_names_the_time_as_the_page_prints_it(cast):
    from django.utils import translation

    incident = _moved_incident(cast)
    with translation.override("zh-hans"):
        text = stale_message(incident)
    assert re.search(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", text) and not re.search(r"\d年", text)
