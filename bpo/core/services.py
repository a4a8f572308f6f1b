"""Platform services: the one way to notify a user, and the heartbeat."""

import logging
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone, translation

from .models import EmailMode, Heartbeat, Notification
from .notifications import category_for, preferences_for

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Event:
    """One thing to tell: `title` and `body` may be lazy translations (rendered per recipient)."""

    key: str
    title: object
    body: object = ""
    url: str = ""


def notify(
    *, recipients: Iterable, event_key: str, title, body="", url: str = "", email: bool = True, category: str = ""
) -> list:
    """Tell each recipient about an event, in their own language, at most once per event key.

    `title` and `body` may be lazy translations: each is rendered in the recipient's
    language. A recipient who already has a notification with this key gets nothing, so a
    job that runs twice (or two workers at once) never notifies twice. Each recipient's
    preference for the event's category (bpo/core/notifications.py: from the key's prefix,
    or `category`) decides whether it shows in the app and whether it is e-mailed at once
    (after the transaction commits), kept for the daily digest, or not e-mailed at all.
    `email=False` means no e-mail whatever the preference.
    """
    event = Event(event_key, title, body, url)
    return notify_many(recipients=recipients, events=[event], email=email, category=category)


def notify_many(*, recipients: Iterable, events: Iterable[Event], email: bool = True, category: str = "") -> list:
    """`notify` for several events told to the same recipients, set-based: one query for the
    preferences of each category, one for the notifications they already have and one insert,
    however many events and recipients. Same rules as `notify`; returns the new notifications."""
    recipients = [user for user in recipients if user.is_active]
    events = list(events)
    if not recipients or not events:
        return []
    ids = {user.pk for user in recipients}
    categories = {event.key: category or category_for(event.key) for event in events}
    prefs = {cat: preferences_for(ids, cat) for cat in set(categories.values())}
    have = set(
        Notification.objects.filter(recipient__in=ids, event_key__in=list(categories)).values_list(
            "recipient_id", "event_key"
        )
    )
    new = []
    for user in recipients:
        with translation.override(user.language or settings.LANGUAGE_CODE):
            for event in events:
                if (user.pk, event.key) in have:
                    continue
                have.add((user.pk, event.key))
                cat = categories[event.key]
                pref = prefs[cat][user.pk]
                if not (email and pref.email):
                    mode = EmailMode.NONE
                else:
                    mode = EmailMode.DIGEST if pref.digest else EmailMode.IMMEDIATE
                new.append(
                    Notification(
                        recipient=user,
                        event_key=event.key,
                        title=str(event.title)[:300],
                        body=str(event.body),
                        url=event.url,
                        category=cat,
                        in_app=pref.in_app,
                        email_mode=mode,
                    )
                )
    try:
        with transaction.atomic():
            created = Notification.objects.bulk_create(new)
    except IntegrityError:  # another worker notified some of them between our read and write
        created = [note for note in new if _create_unless_there(note)]
    ids = [n.pk for n in created if n.email_mode == EmailMode.IMMEDIATE]
    if ids:
        transaction.on_commit(lambda: _email_notifications(ids))
    return created


def _create_unless_there(note: Notification) -> bool:
    """Saves one notification unless its recipient already has its key (the race-safe slow path)."""
    try:
        with transaction.atomic():
            note.save()
    except IntegrityError:
        return False
    return True


def _email_notifications(ids: list[int]) -> None:
    """Send one e-mail per new notification and stamp it, so it is never sent twice."""
    for note in Notification.objects.filter(pk__in=ids, emailed_at__isnull=True).select_related("recipient"):
        if not note.recipient.email:
            continue
        link = absolute_link(note.url)
        try:
            send_mail(note.title, f"{note.body}\n\n{link}".strip(), None, [note.recipient.email])
        except Exception:  # a mail outage must not lose the in-app notification
            log.exception("could not e-mail notification %s", note.pk)
            continue
        Notification.objects.filter(pk=note.pk).update(emailed_at=timezone.now())


def absolute_link(url: str) -> str:
    """A notification's link as an e-mail needs it: site-relative links get the site's address."""
    return f"{settings.SITE_URL}{url}" if url.startswith("/") else url


@transaction.atomic
def notification_preferences_set(*, user, rows: Iterable[dict]) -> int:
    """Saves the user's own choices, one row per category: in_app, email, delivery.

    Applies to notifications created from now on; ones already created keep how they were sent."""
    from bpo.accounts.choices import NotificationCategory, NotificationDelivery
    from bpo.accounts.models import NotificationPreference

    saved = 0
    for row in rows:
        if row["category"] not in NotificationCategory.values:
            continue
        delivery = row.get("delivery") or NotificationDelivery.IMMEDIATE
        if delivery not in NotificationDelivery.values:
            delivery = NotificationDelivery.IMMEDIATE
        NotificationPreference.objects.update_or_create(
            user=user,
            category=row["category"],
            defaults={"in_app": bool(row.get("in_app")), "email": bool(row.get("email")), "delivery": delivery},
        )
        saved += 1
    return saved


def notification_mark_read(*, user, notification_ids: Iterable[int] | None = None) -> int:
    """Mark the user's notifications read: the given ones, or all when none are given."""
    qs = Notification.objects.visible_to(user).unread()
    if notification_ids is not None:
        qs = qs.filter(pk__in=list(notification_ids))
    return qs.update(read_at=timezone.now())


def notifications_done(*, event_key: str) -> int:
    """The step a "waits for you" notification asked for is done (someone approved, reviewed or
    returned it): mark that notification read for everyone who received it, so nobody keeps an
    unread request for something already decided. Matches the key itself and any key that
    continues it after a colon (`charter-submitted:3:1` also settles `charter-submitted:3:1:<time>`).
    Returns how many were marked."""
    keys = Q(event_key=event_key) | Q(event_key__startswith=f"{event_key}:")
    return Notification.objects.unread().filter(keys).update(read_at=timezone.now())


def heartbeat_record(*, name: str = "celery") -> Heartbeat:
    """Stamp the named heartbeat with the current time (an upsert, so it is safe to run twice)."""
    beat, _ = Heartbeat.objects.update_or_create(name=name, defaults={"last_seen": timezone.now()})
    return beat
