"""Every time on a sourcing event's page is told in its program's time zone with the zone named,
as its deadlines are: the award's approval, the questions' times, and the history (when each
change was made and a changed time such as the publication), not in UTC without a zone."""

import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from vendors.models import AwardDecision, Question, SourcingEvent

from .world import make_event, make_proposal

pytestmark = pytest.mark.django_db

PUBLISHED = datetime(2026, 11, 28, 1, 34, tzinfo=UTC)  # 09:34 in Shanghai
APPROVED = datetime(2026, 11, 28, 1, 36, tzinfo=UTC)
ASKED = datetime(2026, 11, 28, 1, 38, tzinfo=UTC)


@pytest.fixture
def event(cast):
    cast.program_a.time_zone = "Asia/Shanghai"
    cast.program_a.save(update_fields=["time_zone"])
    event = make_event(cast, status="draft", deadline_in=timedelta(days=-1))
    event = SourcingEvent.objects.get(pk=event.pk)
    event.status, event.published_at = "published", PUBLISHED
    event.save()
    proposal = make_proposal(event, cast.vendor_x)
    AwardDecision.objects.create(
        event=event, proposal=proposal, rationale="Best value", approved_by=cast.admin, approved_at=APPROVED
    )
    question = Question.objects.create(event=event, vendor=cast.vendor_x, asked_by=cast.vendor_x_admin, text="Volumes?")
    Question.objects.filter(pk=question.pk).update(asked_at=ASKED)
    return event


def test_event_page_tells_the_award_questions_and_history_in_the_programs_zone(cast, client, event):
    client.force_login(cast.manager)
    page = client.get(event.get_absolute_url()).content.decode()
    assert "Best value" in page
    assert f"{cast.admin} · 2026-11-28 09:36 (Asia/Shanghai)" in page
    assert "Volumes?" in page and "2026-11-28 09:38 (Asia/Shanghai)" in page
    history = page[page.index('id="h-history"') :]
    assert "2026-11-28 09:34 (Asia/Shanghai)" in history  # the publication, a changed time
    shanghai = ZoneInfo("Asia/Shanghai")
    entries = LogEntry.objects.get_for_object(event).order_by("-timestamp", "-pk")
    assert re.findall(r'<time class="muted" datetime="[^"]+">([^<]+)</time>', history) == [
        f"{e.timestamp.astimezone(shanghai):%Y-%m-%d %H:%M} (Asia/Shanghai)" for e in entries
    ]
    for utc in ("01:34", "01:36", "01:38"):
        assert f"2026-11-28 {utc}" not in page


def test_the_answer_page_tells_when_the_question_was_asked_in_the_programs_zone(cast, client, event):
    client.force_login(cast.manager)
    question = Question.objects.get(event=event)
    page = client.get(reverse("vendors:question_answer", args=[question.pk])).content.decode()
    assert "2026-11-28 09:38 (Asia/Shanghai)" in page and "2026-11-28 01:38" not in page
