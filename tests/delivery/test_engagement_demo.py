"""The demo's meetings, communications, training and support: loaded once, showing each rule."""

from io import StringIO

from django.core.management import call_command
from django.utils import timezone

from delivery.models import ActionItem, Attendance, Communication, Meeting, SupportRequest, TrainingSession
from delivery.training import completion_rates


def test_demo_engagement_is_idempotent_and_shows_each_rule(db):
    call_command("load_demo", stdout=StringIO())
    models = (ActionItem, Attendance, Communication, Meeting, SupportRequest, TrainingSession)
    counts = [m.objects.count() for m in models]
    call_command("load_demo", stdout=StringIO())
    assert [m.objects.count() for m in models] == counts
    today = timezone.localdate()
    assert set(Meeting.objects.values_list("kind", flat=True)) == {"steering", "weekly_ops", "service_review", "qbr"}
    assert ActionItem.objects.overdue(today).filter(vendor__isnull=False).exists()
    assert ActionItem.objects.filter(status="done").exists()
    assert Communication.objects.overdue(today).exists()
    teams = {r["team"] for r in completion_rates(Attendance.objects.all())}
    assert "Staff" in teams and "Apex Contact Solutions Ltd." in teams
    resolved = SupportRequest.objects.get(status="resolved")
    assert resolved.resolution_hours >= 29
