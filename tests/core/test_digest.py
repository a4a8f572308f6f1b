"""The daily digest: one e-mail per user and day, grouped by category, in their language, once."""

import threading
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.db import connection, connections

from bpo.accounts.choices import NotificationCategory, NotificationDelivery
from bpo.accounts.models import NotificationPreference
from bpo.core.digest import DIGEST_HOUR, group_by_category, send_daily_digests
from bpo.core.models import Notification, NotificationDigest
from bpo.core.services import notify
from bpo.core.tasks import send_daily_digests as digest_task

UTC = ZoneInfo("UTC")


def _digest_everything(user):
    for category in NotificationCategory.values:
        NotificationPreference.objects.update_or_create(
            user=user, category=category, defaults={"delivery": NotificationDelivery.DIGEST}
        )


def _morning(day=1, hour=DIGEST_HOUR + 1):
    return datetime(2030, 3, day, hour, 0, tzinfo=UTC)


def _notify_all(user):
    with_keys = [
        ("risk:1:review-due:2030-03-01", "Review risk R-1", "/risk/risks/1/"),
        ("sla:1:2:breach", "AHT is breaching", "/performance/contracts/1/service-levels/"),
        ("capa:3:overdue:2030-02-01", "Action A-3 is overdue", ""),
        ("contract:5:notice:2030-06-01:90", "Notice deadline of C-5", "/contracts/contracts/5/"),
    ]
    for key, title, url in with_keys:
        notify(recipients=[user], event_key=key, title=title, url=url)


@pytest.fixture
def digest_user(cast, django_capture_on_commit_callbacks):
    _digest_everything(cast.manager)
    with django_capture_on_commit_callbacks(execute=True):
        _notify_all(cast.manager)
    Notification.objects.update(created_at=_morning() - timedelta(hours=3))
    assert mail.outbox == []  # nothing immediate
    return cast.manager


def test_digest_groups_the_notifications_by_category(digest_user):
    assert send_daily_digests(now=_morning()) == 1
    (message,) = mail.outbox
    assert message.to == ["manager@example.com"]
    assert message.subject == "Your daily digest: 4 notifications"
    body = message.body
    contracts = body.index("Contracts and obligations (1)")
    service_levels = body.index("Service levels and scorecards (1)")
    risk = body.index("Risks, drills and corrective actions (2)")
    assert contracts < service_levels < risk  # the order of the categories
    assert body.index("Review risk R-1") > risk and body.index("Action A-3 is overdue") > risk
    assert "http://" in body and "/risk/risks/1/" in body
    assert "&amp;" not in body and "&#x27;" not in body  # plain text, not HTML-escaped
    assert set(Notification.objects.values_list("digest__date", flat=True)) == {_morning().date()}
    assert not Notification.objects.filter(emailed_at__isnull=True).exists()


def test_group_by_category_keeps_the_order_of_the_categories(cast):
    notes = [
        Notification(category="risk", title="a"),
        Notification(category="programs", title="b"),
        Notification(category="risk", title="c"),
        Notification(category="weird", title="d"),
    ]
    groups = group_by_category(notes)
    assert [g["category"] for g in groups] == ["programs", "risk", "weird"]
    assert [n.title for n in groups[1]["notes"]] == ["a", "c"]


def test_digest_is_sent_exactly_once_a_day(digest_user, django_capture_on_commit_callbacks):
    assert send_daily_digests(now=_morning()) == 1
    assert send_daily_digests(now=_morning() + timedelta(hours=1)) == 0
    assert len(mail.outbox) == 1
    # a notification arriving later that day waits for tomorrow's digest
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[digest_user], event_key="risk:7:review-due:x", title="Late arrival")
    Notification.objects.filter(event_key="risk:7:review-due:x").update(created_at=_morning() + timedelta(hours=2))
    assert send_daily_digests(now=_morning() + timedelta(hours=3)) == 0
    assert len(mail.outbox) == 1
    assert send_daily_digests(now=_morning(day=2)) == 1
    assert len(mail.outbox) == 2 and "Late arrival" in mail.outbox[1].body
    assert "Review risk R-1" not in mail.outbox[1].body
    assert NotificationDigest.objects.filter(recipient=digest_user).count() == 2


def test_nothing_goes_out_before_the_digest_hour(digest_user):
    assert send_daily_digests(now=_morning(hour=DIGEST_HOUR - 1)) == 0
    assert mail.outbox == [] and not NotificationDigest.objects.exists()


def test_no_pending_notifications_means_no_digest_and_the_day_stays_open(cast):
    _digest_everything(cast.manager)
    assert send_daily_digests(now=_morning()) == 0
    assert not NotificationDigest.objects.exists()


def test_digest_is_in_the_recipients_language(cast, django_capture_on_commit_callbacks):
    cast.manager.language = "zh-hans"
    cast.manager.save(update_fields=["language"])
    _digest_everything(cast.manager)
    with django_capture_on_commit_callbacks(execute=True):
        _notify_all(cast.manager)
    Notification.objects.update(created_at=_morning() - timedelta(hours=3))
    send_daily_digests(now=_morning())
    (message,) = mail.outbox
    assert message.subject == "您的每日摘要：4 条通知"
    assert "合同与义务 (1)" in message.body and "以下是自上次摘要以来您收到的 4 条通知。" in message.body


def test_a_failing_mail_server_rolls_the_digest_back_for_the_next_run(digest_user, monkeypatch):
    import bpo.core.digest as digest

    def broken(*args, **kwargs):
        raise OSError("smtp down")

    monkeypatch.setattr(digest, "send_mail", broken)
    assert send_daily_digests(now=_morning()) == 0
    assert not NotificationDigest.objects.exists()
    monkeypatch.undo()
    assert send_daily_digests(now=_morning() + timedelta(hours=1)) == 1


def test_each_user_gets_their_own_digest_only(cast, django_capture_on_commit_callbacks):
    _digest_everything(cast.manager)
    _digest_everything(cast.viewer)
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[cast.manager], event_key="risk:1:x", title="For the manager")
        notify(recipients=[cast.viewer], event_key="risk:2:x", title="For the viewer")
        notify(recipients=[cast.contributor], event_key="risk:3:x", title="Immediate for the contributor")
    Notification.objects.update(created_at=_morning() - timedelta(hours=1))
    mail.outbox.clear()
    assert send_daily_digests(now=_morning()) == 2
    by_user = {m.to[0]: m.body for m in mail.outbox}
    assert set(by_user) == {"manager@example.com", "viewer@example.com"}
    assert "For the viewer" not in by_user["manager@example.com"]


def test_the_task_runs_the_job(cast):
    assert isinstance(digest_task(), int)


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="concurrent transactions need PostgreSQL (SQLite serializes writers)"
)
@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_send_one_digest(live_cast, django_capture_on_commit_callbacks):
    cast = live_cast
    _digest_everything(cast.manager)
    _notify_all(cast.manager)
    Notification.objects.update(created_at=_morning() - timedelta(hours=3))
    mail.outbox.clear()
    errors, barrier = [], threading.Barrier(2)

    def run():
        try:
            barrier.wait()
            send_daily_digests(now=_morning())
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len(mail.outbox) == 1
    assert NotificationDigest.objects.filter(recipient=cast.manager).count() == 1
