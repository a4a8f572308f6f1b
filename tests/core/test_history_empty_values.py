"""The history shows an empty value as a dash (with "(empty)" for screen readers), never
Python's None, in both languages."""

import pytest
from django.urls import reverse

from bpo.core.history import history_for
from strategy.models import Program


def _give_a_sponsor(cast):
    program = Program.objects.get(pk=cast.program_a.pk)
    assert program.sponsor_id is None
    program.sponsor = cast.executive
    program.save()
    return program


def test_history_for_gives_an_empty_value_as_none_not_the_text_none(cast):
    program = _give_a_sponsor(cast)
    change = next(c for c in history_for(program)[0]["changes"] if c["new"] == str(cast.executive))
    assert change["old"] is None


@pytest.mark.parametrize("language, empty", [("en", "(empty)"), ("zh-hans", "（空）")])
def test_program_page_history_shows_a_dash_for_the_empty_sponsor(cast, client, language, empty):
    _give_a_sponsor(cast)
    cast.manager.language = language
    cast.manager.save(update_fields=["language"])
    client.force_login(cast.manager)
    html = client.get(reverse("strategy:program_detail", args=[cast.program_a.pk])).content.decode()
    history = html[html.index('id="h-history"') :]
    assert "None" not in history
    assert f'<span aria-hidden="true">—</span><span class="sr-only">{empty}</span>' in history
    assert str(cast.executive) in history


def test_a_time_changed_within_the_minute_is_shown_to_the_second_not_as_no_change(cast):
    """上次评估时间 15:56 → 15:56: both values read the same at the history's minute precision."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from risk.models import Incident

    at = datetime(2026, 11, 27, 15, 56, 3, tzinfo=ZoneInfo("UTC"))
    incident = Incident.objects.create(program=cast.program_a, title="Outage", occurred_at=at)
    incident.occurred_at = at.replace(second=41)
    incident.save()
    change = next(c for c in history_for(incident)[0]["changes"] if "15:56" in str(c["old"]))
    assert change["old"] != change["new"]
    # Program A's zone (UTC), named as the history names a program's times.
    assert change["old"].endswith("15:56:03 (UTC)") and change["new"].endswith("15:56:41 (UTC)")
