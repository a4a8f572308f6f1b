"""Platform services: the one way to notify a user, and the heartbeat."""

import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from .models import Heartbeat, Notification

log = logging.getLogger(__name__)


def notify(*, recipients: Iterable, event_key: str, title, body="", url: str = "", email: bool = True) -> list:
    """Tell each recipient about an event, in their own language, at most once per event key.

    `title` and `body` may be lazy translations: each is rendered in the recipient's
    language. A recipient who already has a notification with this key gets nothing, so a
    job that runs twice (or two workers at once) never notifies twice. E-mail goes out
    after the transaction commits, only for notifications created now.
    """
    created = []
    for user in recipients:
        if not user.is_active:
            continue
        with translation.override(user.language or settings.LANGUAGE_CODE):
            rendered_title, rendered_body = str(title)[:300], str(body)
        try:
            with transaction.atomic():
                note, is_new = Notification.objects.get_or_create(
                    recipient=user,
                    event_key=event_key,
                    defaults={"title": rendered_title, "body": rendered_body, "url": url},
                )
        except IntegrityError:  # another worker created it between our read and write
            continue
        if is_new:
            created.append(note)
    if email:
        ids = [n.pk for n in created]
        transaction.on_commit(lambda: _email_notifications(ids))
    return created


def _email_notifications(ids: list[int]) -> None:
    """Send one e-mail per new notification and stamp it, so it is never sent twice."""
    for note in Notification.objects.filter(pk__in=ids, emailed_at__isnull=True).select_related("recipient"):
        if not note.recipient.email:
            continue
        link = f"{settings.SITE_URL}{note.url}" if note.url.startswith("/") else note.url
        try:
            send_mail(note.title, f"{note.body}\n\n{link}".strip(), None, [note.recipient.email])
        except Exception:  # a mail outage must not lose the in-app notification
            log.exception("could not e-mail notification %s", note.pk)
            continue
        Notification.objects.filter(pk=note.pk).update(emailed_at=timezone.now())


def notification_mark_read(*, user, notification_ids: Iterable[int] | None = None) -> int:
    """Mark the user's notifications read: the given ones, or all when none are given."""
    qs = Notification.objects.visible_to(user).unread()
    if notification_ids is not None:
        qs = qs.filter(pk__in=list(notification_ids))
    return qs.update(read_at=timezone.now())


def heartbeat_record(*, name: str = "celery") -> Heartbeat:
    """Stamp the named heartbeat with the current time (an upsert, so it is safe to run twice)."""
    beat, _ = Heartbeat.objects.update_or_create(name=name, defaults={"last_seen": timezone.now()})
    return beat
