"""The daily digest: one e-mail a day per user, grouping the notifications they chose to get
that way by category.

The job runs every hour; from DIGEST_HOUR (local time) on, the first run of the day sends
each user with waiting notifications one digest. A NotificationDigest row per user and day
(unique) is created in the same transaction that claims the notifications, so a second run
that day, or a second worker at once, sends nothing; what arrives later waits for tomorrow.
"""

import logging
from datetime import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import ngettext

from bpo.accounts.choices import NotificationCategory

from .models import EmailMode, Notification, NotificationDigest
from .services import absolute_link

log = logging.getLogger(__name__)

# The local hour from which the day's digest goes out.
DIGEST_HOUR = 7


def pending_digest(user_id=None):
    """Notifications kept for a digest and not sent in one yet."""
    qs = Notification.objects.filter(email_mode=EmailMode.DIGEST, digest__isnull=True, emailed_at__isnull=True)
    return qs.filter(recipient_id=user_id) if user_id is not None else qs


def group_by_category(notes) -> list[dict]:
    """[{category, label, notes}] in the order of the categories; empty categories left out."""
    by_category: dict[str, list] = {}
    for note in notes:
        by_category.setdefault(note.category, []).append(note)
    labels = dict(NotificationCategory.choices)
    order = [c for c in NotificationCategory.values if c in by_category]
    order += sorted(c for c in by_category if c not in labels)
    return [
        {"category": c, "label": labels.get(c, labels[NotificationCategory.GENERAL]), "notes": by_category[c]}
        for c in order
    ]


def render_digest(user, notes) -> tuple[str, str]:
    """Subject and text of one user's digest, in their language."""
    with translation.override(user.language or settings.LANGUAGE_CODE):
        groups = group_by_category(notes)
        for group in groups:
            for note in group["notes"]:
                note.link = absolute_link(note.url) if note.url else ""
        subject = ngettext(
            "Your daily digest: %(count)s notification",
            "Your daily digest: %(count)s notifications",
            len(notes),
        ) % {"count": len(notes)}
        text = render_to_string(
            "core/email/digest.txt",
            {
                "user": user,
                "groups": groups,
                "count": len(notes),
                "profile_url": absolute_link(
                    reverse("portal:notification_preferences" if user.is_vendor_user else "accounts:profile")
                ),
            },
        )
    return subject, text


def send_user_digest(*, user, day, now: datetime) -> int:
    """Sends this user's digest for `day` if it was not sent yet; returns how many notifications it held."""
    with transaction.atomic():
        try:
            with transaction.atomic():
                digest = NotificationDigest.objects.create(recipient=user, date=day)
        except IntegrityError:  # today's digest exists (an earlier run, or another worker now)
            return 0
        notes = list(pending_digest(user.pk).filter(created_at__lte=now).select_for_update().order_by("created_at"))
        if not notes:
            transaction.set_rollback(True)  # nothing to send: leave the day open
            return 0
        if user.email:
            subject, text = render_digest(user, notes)
            send_mail(subject, text, None, [user.email])  # an outage rolls back: the next run retries
        Notification.objects.filter(pk__in=[n.pk for n in notes]).update(digest=digest, emailed_at=now)
        digest.sent_at, digest.count = now, len(notes)
        digest.save(update_fields=["sent_at", "count"])
    return len(notes)


def send_daily_digests(*, now: datetime | None = None) -> int:
    """Sends each user's digest of today (once); returns the number of digests sent."""
    from bpo.accounts.models import User

    now = now or timezone.now()
    local = timezone.localtime(now)
    if local.hour < DIGEST_HOUR:
        return 0
    day = local.date()
    user_ids = pending_digest().filter(created_at__lte=now).values_list("recipient_id", flat=True).distinct()
    users = User.objects.filter(pk__in=user_ids, is_active=True).exclude(digests__date=day).order_by("pk")
    sent = 0
    for user in users:
        try:
            sent += 1 if send_user_digest(user=user, day=day, now=now) else 0
        except Exception:  # one user's failure must not stop the others; retried next run
            log.exception("could not send the digest of user %s", user.pk)
    return sent
