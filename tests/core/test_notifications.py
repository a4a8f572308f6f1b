"""notify(): one notification per recipient, in their language, e-mailed once after commit."""

import pytest
from django.core import mail
from django.utils.translation import gettext_lazy

from bpo.core.models import Notification
from bpo.core.services import notification_mark_read, notify
from tests.conftest import ROLE_NAMES

# A message Django itself ships translated, so the test needs no project catalogue.
TITLE = gettext_lazy("Yes")
TITLE_ZH = "是"


def _set_language(user, lang):
    user.language = lang
    user.save(update_fields=["language"])


def test_notify_creates_one_notification_per_recipient_in_their_language(cast, django_capture_on_commit_callbacks):
    _set_language(cast.contributor, "zh-hans")
    with django_capture_on_commit_callbacks(execute=True):
        created = notify(recipients=[cast.manager, cast.contributor], event_key="evt:1", title=TITLE, url="/")
    assert len(created) == 2
    assert Notification.objects.get(recipient=cast.manager, event_key="evt:1").title == "Yes"
    assert Notification.objects.get(recipient=cast.contributor, event_key="evt:1").title == TITLE_ZH
    assert Notification.objects.filter(event_key="evt:1").count() == 2


def test_notify_emails_each_recipient_once_after_commit(cast, django_capture_on_commit_callbacks):
    _set_language(cast.contributor, "zh-hans")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notify(
            recipients=[cast.manager, cast.contributor], event_key="evt:2", title=TITLE, body="Body", url="/strategy/"
        )
    assert mail.outbox == []  # nothing leaves before the commit
    assert len(callbacks) == 1
    callbacks[0]()
    assert sorted(m.to[0] for m in mail.outbox) == ["contributor@example.com", "manager@example.com"]
    by_recipient = {m.to[0]: m for m in mail.outbox}
    assert by_recipient["contributor@example.com"].subject == TITLE_ZH
    assert by_recipient["manager@example.com"].subject == "Yes"
    assert "/strategy/" in by_recipient["manager@example.com"].body
    assert not Notification.objects.filter(event_key="evt:2", emailed_at__isnull=True).exists()


def test_notify_twice_with_the_same_event_key_creates_and_sends_nothing_more(cast, django_capture_on_commit_callbacks):
    recipients = [cast.manager, cast.contributor]
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=recipients, event_key="evt:3", title=TITLE)
    assert len(mail.outbox) == 2
    with django_capture_on_commit_callbacks(execute=True):
        again = notify(recipients=recipients, event_key="evt:3", title="Another title")
    assert again == []
    assert Notification.objects.filter(event_key="evt:3").count() == 2
    assert len(mail.outbox) == 2
    assert set(Notification.objects.filter(event_key="evt:3").values_list("title", flat=True)) == {"Yes"}


def test_a_repeated_event_still_reaches_a_new_recipient(cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[cast.manager], event_key="evt:4", title=TITLE)
        created = notify(recipients=[cast.manager, cast.viewer], event_key="evt:4", title=TITLE)
    assert [n.recipient for n in created] == [cast.viewer]
    assert [m.to for m in mail.outbox] == [["manager@example.com"], ["viewer@example.com"]]


def test_notify_skips_inactive_users(cast, django_capture_on_commit_callbacks):
    cast.viewer.is_active = False
    cast.viewer.save(update_fields=["is_active"])
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[cast.viewer, cast.manager], event_key="evt:5", title=TITLE)
    assert not Notification.objects.filter(recipient=cast.viewer).exists()
    assert [m.to for m in mail.outbox] == [["manager@example.com"]]


def test_notify_without_email_sends_nothing(cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        created = notify(recipients=[cast.manager], event_key="evt:6", title=TITLE, email=False)
    assert len(created) == 1
    assert mail.outbox == []


def test_a_rolled_back_transaction_sends_no_email(cast, django_capture_on_commit_callbacks):
    from django.db import transaction

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                notify(recipients=[cast.manager], event_key="evt:7", title=TITLE)
                raise RuntimeError("abort")
        except RuntimeError:
            pass
    assert callbacks == []
    assert mail.outbox == []
    assert not Notification.objects.filter(event_key="evt:7").exists()


# --- who sees which notification ------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLE_NAMES)
def test_a_notification_is_visible_only_to_its_recipient(cast, role):
    everyone = [getattr(cast, name) for name in ROLE_NAMES]
    notify(recipients=everyone, event_key="evt:all", title=TITLE, email=False)
    user = getattr(cast, role)
    visible = Notification.objects.visible_to(user)
    assert list(visible.values_list("recipient__username", flat=True)) == [user.username]


def test_mark_read_touches_only_the_users_own_notifications(cast):
    mine, theirs = (
        notify(recipients=[u], event_key="evt:8", title=TITLE, email=False)[0] for u in (cast.manager, cast.outsider)
    )
    assert notification_mark_read(user=cast.manager, notification_ids=[mine.pk, theirs.pk]) == 1
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.read_at is not None and theirs.read_at is None


def test_notification_page_lists_only_own_notifications(cast, client):
    notify(recipients=[cast.manager], event_key="evt:9", title="For the manager", email=False)
    notify(recipients=[cast.outsider], event_key="evt:9", title="For the outsider", email=False)
    client.force_login(cast.manager)
    page = client.get("/notifications/").content.decode()
    assert "For the manager" in page and "For the outsider" not in page


def test_opening_someone_elses_notification_is_a_404_and_leaves_it_unread(cast, client):
    theirs = notify(recipients=[cast.outsider], event_key="evt:10", title=TITLE, email=False)[0]
    client.force_login(cast.manager)
    assert client.post(f"/notifications/{theirs.pk}/read/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_opening_a_notification_follows_only_a_local_link(cast, client):
    local = notify(recipients=[cast.manager], event_key="evt:11", title=TITLE, url="/strategy/programs/", email=False)
    evil = notify(recipients=[cast.manager], event_key="evt:12", title=TITLE, url="http://evil.example/", email=False)
    client.force_login(cast.manager)
    assert client.post(f"/notifications/{local[0].pk}/read/")["Location"] == "/strategy/programs/"
    assert client.post(f"/notifications/{evil[0].pk}/read/")["Location"] == "/notifications/"


# --- several events at once (notify_many) --------------------------------------------------


def test_notify_many_tells_each_recipient_each_event_once_in_their_language(cast, django_capture_on_commit_callbacks):
    from bpo.core.services import Event, notify_many

    _set_language(cast.contributor, "zh-hans")
    recipients = [cast.manager, cast.contributor]
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[cast.manager], event_key="many:1", title=TITLE, url="/")
        created = notify_many(recipients=recipients, events=[Event(f"many:{n}", TITLE, url="/") for n in (1, 2, 3)])
    # The manager already had many:1; everything else is new, once.
    assert sorted((n.recipient_id, n.event_key) for n in created) == sorted(
        [(cast.manager.pk, "many:2"), (cast.manager.pk, "many:3")]
        + [(cast.contributor.pk, f"many:{n}") for n in (1, 2, 3)]
    )
    assert set(Notification.objects.filter(recipient=cast.contributor).values_list("title", flat=True)) == {TITLE_ZH}
    assert Notification.objects.filter(event_key__startswith="many:").count() == 6
    # Each new notification is e-mailed once, after the commit.
    assert len(mail.outbox) == 6
    with django_capture_on_commit_callbacks(execute=True):
        assert notify_many(recipients=recipients, events=[Event("many:2", TITLE)]) == []
    assert len(mail.outbox) == 6


def test_notify_many_queries_do_not_grow_with_the_events(cast, django_assert_max_num_queries):
    from bpo.core.services import Event, notify_many

    recipients = [cast.manager, cast.contributor]
    # preferences (one category), the keys already there, one insert (+ its savepoint)
    with django_assert_max_num_queries(5):
        created = notify_many(recipients=recipients, events=[Event(f"bulk:{n}", TITLE) for n in range(40)])
    assert len(created) == 80


def test_notify_many_falls_back_to_one_by_one_when_a_key_appears_meanwhile(cast, monkeypatch):
    """Another worker saves one of the keys between the read and the insert: the insert is refused,
    and the rest are still saved, each once."""
    from bpo.core import services
    from bpo.core.services import Event, notify_many

    Notification.objects.create(recipient=cast.manager, event_key="race:1", title="other worker")
    # The read of the keys already there happened before the other worker's write: it sees none.
    monkeypatch.setattr(services.Notification.objects, "filter", lambda *a, **k: Notification.objects.none())
    created = notify_many(recipients=[cast.manager], events=[Event("race:1", TITLE), Event("race:2", TITLE)])
    monkeypatch.undo()
    assert [n.event_key for n in created] == ["race:2"]
    assert Notification.objects.get(recipient=cast.manager, event_key="race:1").title == "other worker"
    assert Notification.objects.filter(recipient=cast.manager, event_key__startswith="race:").count() == 2
