"""A corrective action's times (progress, done, verified: set by the application when people act)
are shown in its program's time zone, the zone named, as incidents' are, on the staff page, in
the portal and in the API (ISO 8601 with the program's offset). Its due date is a date."""

from datetime import UTC, datetime

from django.urls import reverse

from risk.models import CorrectiveAction
from strategy.models import Program

from .records import risk_world


def test_action_times_are_shown_in_the_programs_zone(cast, client, django_assert_max_num_queries):
    Program.objects.filter(pk=cast.program_a.pk).update(time_zone="Asia/Shanghai")
    action = risk_world(cast)["vendor_action"]
    CorrectiveAction.objects.filter(pk=action.pk).update(
        status="verified",
        progress_note="Lead hired",
        progress_at=datetime(2026, 11, 26, 1, 30, tzinfo=UTC),
        done_at=datetime(2026, 11, 26, 2, 0, tzinfo=UTC),
        verified_at=datetime(2026, 11, 26, 17, 15, tzinfo=UTC),  # 27 November in Shanghai
        verified_by=cast.manager,
        verification_notes="Attrition back under 5%",
    )

    client.force_login(cast.manager)
    page = client.get(reverse("risk:action_detail", args=[action.pk])).content.decode()
    assert "2026-11-26 09:30 (Asia/Shanghai)" in page
    assert "2026-11-27 01:15 (Asia/Shanghai)" in page

    row = client.get(reverse("corrective-action-detail", args=[action.pk])).json()
    assert row["progress_at"] == "2026-11-26T09:30:00+08:00"
    assert row["done_at"] == "2026-11-26T10:00:00+08:00"
    assert row["verified_at"] == "2026-11-27T01:15:00+08:00"
    with django_assert_max_num_queries(12) as few:
        assert client.get(reverse("corrective-action-list")).status_code == 200
    copy = CorrectiveAction.objects.get(pk=action.pk)
    for _ in range(10):
        copy.pk = None
        copy.save()
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(reverse("corrective-action-list")).status_code == 200

    client.force_login(cast.vendor_x_user)
    portal = client.get(reverse("portal:capa_detail", args=[action.pk])).content.decode()
    assert "2026-11-27 01:15 (Asia/Shanghai)" in portal
