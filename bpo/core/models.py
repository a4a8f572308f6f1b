"""Platform records: notifications, the daily digests that e-mailed them, and the scheduler's heartbeat."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class EmailMode(models.TextChoices):
    """How a notification's e-mail goes out, fixed from the recipient's preference when it is created."""

    NONE = "none", _("No e-mail")
    IMMEDIATE = "immediate", _("Immediately")
    DIGEST = "digest", _("Daily digest")


class NotificationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A notification is only ever its recipient's, and shown in the app only if they want it there."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(recipient=user, in_app=True)

    def unread(self):
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """One message to one user. The event key makes a repeated event a no-op."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    event_key = models.CharField(_("event"), max_length=200)
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("message"), blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed"), null=True, blank=True)
    category = models.CharField(_("category"), max_length=24, default="general")
    # The recipient's preference when it was created: shown in the app, and how it is e-mailed.
    in_app = models.BooleanField(_("in the app"), default=True)
    email_mode = models.CharField(_("e-mail"), max_length=12, choices=EmailMode.choices, default=EmailMode.IMMEDIATE)
    digest = models.ForeignKey(
        "NotificationDigest",
        verbose_name=_("digest"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="notifications",
    )

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "event_key"], name="notification_once_per_event"),
        ]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notification_unread_idx"),
            models.Index(fields=["email_mode", "digest"], name="notification_digest_idx"),
        ]

    def __str__(self):
        return self.title

    @property
    def category_label(self):
        """The kind of event, as the preferences name it."""
        from bpo.accounts.choices import NotificationCategory

        labels = dict(NotificationCategory.choices)
        return labels.get(self.category, labels[NotificationCategory.GENERAL])


class NotificationDigest(models.Model):
    """The one daily digest e-mail of one user for one day: its row makes a second run a no-op."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recipient"), on_delete=models.CASCADE, related_name="digests"
    )
    date = models.DateField(_("date"))
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    count = models.PositiveIntegerField(_("notifications"), default=0)

    class Meta:
        verbose_name = _("notification digest")
        verbose_name_plural = _("notification digests")
        ordering = ["-date", "recipient"]
        constraints = [models.UniqueConstraint(fields=["recipient", "date"], name="digest_once_per_day")]

    def __str__(self):
        return f"{self.recipient} {self.date:%Y-%m-%d}"


class Heartbeat(models.Model):
    """The last time a scheduled job ran, per job name; /healthz reads it."""

    name = models.CharField(max_length=64, unique=True)
    last_seen = models.DateTimeField()

    def __str__(self):
        return f"{self.name} @ {self.last_seen:%Y-%m-%d %H:%M:%S}"
