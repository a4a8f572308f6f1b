"""Meetings with their action items, and the communication plan of a program."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bpo.core.dates import date_range_errors, schedule_errors
from bpo.core.links import record_url
from bpo.core.zones import in_zone, today_in

from ..choices_engagement import ActionItemStatus, Channel, Frequency, MeetingKind
from ..querysets_engagement import ActionItemQuerySet, CommunicationQuerySet, MeetingQuerySet


class Meeting(models.Model):
    """A governance meeting of a program: agenda before, minutes and decisions after."""

    program = models.ForeignKey(
        "strategy.Program", verbose_name=_("program"), on_delete=models.PROTECT, related_name="meetings"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=MeetingKind.choices)
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("date and time"))
    location = models.CharField(_("location"), max_length=200, blank=True)
    agenda = models.TextField(_("agenda"), blank=True)
    attendees = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("attendees"),
        blank=True,
        related_name="delivery_meetings",
        help_text=_("Staff, and users of the program's contract vendors."),
    )
    minutes = models.TextField(_("minutes"), blank=True)
    decisions = models.TextField(_("decisions"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-starts_at", "-pk"]

    def __str__(self):
        return f"{self.title} ({self.starts_at:%Y-%m-%d})"

    def get_absolute_url(self):
        return record_url("delivery:meeting_detail", self.pk)

    def clean(self):
        """Held from the program's start to LAST_DATE (the day in the program's time zone): a
        meeting in 9999 sorted to the top of the list, one in 1900 before any program."""
        if self.starts_at and self.program_id:
            day = in_zone(self.starts_at, self.program.time_zone).date()
            errors = schedule_errors(self.program.start_date, starts_at=day)
            if errors:
                raise ValidationError(errors)


class ActionItem(models.Model):
    """Something a meeting asked someone (staff, or a user of a contract vendor) to do by a date.

    The program and the owner's vendor are copied from the meeting and the owner, so that
    scoping (the vendor's portal, the program's pages) is one indexed filter."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="action_items"
    )
    program = models.ForeignKey(
        "strategy.Program",
        verbose_name=_("program"),
        on_delete=models.PROTECT,
        related_name="action_items",
        editable=False,
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="delivery_action_items",
        help_text=_("A staff user, or a user of one of the program's contract vendors."),
    )
    vendor = models.ForeignKey(
        "vendors.Vendor",
        verbose_name=_("vendor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="action_items",
        editable=False,
    )
    due_date = models.DateField(_("due date"))
    status = models.CharField(
        _("status"), max_length=12, choices=ActionItemStatus.choices, default=ActionItemStatus.OPEN
    )
    completed_at = models.DateTimeField(_("closed"), null=True, blank=True, editable=False)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("closed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    completion_note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ActionItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        ordering = ["due_date", "pk"]
        indexes = [models.Index(fields=["status", "due_date"], name="action_item_status_due_idx")]
        constraints = [
            models.CheckConstraint(
                name="action_item_closed_has_time",
                condition=Q(status="open") | Q(completed_at__isnull=False),
            )
        ]

    def __str__(self):
        return f"{self.reference} {self.title}"

    def get_absolute_url(self):
        return record_url("delivery:action_item_detail", self.pk)

    def clean(self):
        """Due from the program's start to LAST_DATE: its overdue reminders and its order follow it."""
        program_id = self.program_id or (self.meeting.program_id if self.meeting_id else None)
        if self.due_date and program_id:
            from strategy.models import Program

            start = Program.objects.filter(pk=program_id).values_list("start_date", flat=True).first()
            errors = schedule_errors(start, due_date=self.due_date)
            if errors:
                raise ValidationError(errors)

    @property
    def reference(self):
        return f"AI-{self.pk:04d}" if self.pk else "AI-new"


class Communication(models.Model):
    """A line of the communication plan: who hears what, how often, through which channel.

    `next_due_on` is computed by the service from the frequency and the last sending
    (ad hoc lines have none), so "overdue" is one indexed filter."""

    program = models.ForeignKey(
        "strategy.Program", verbose_name=_("program"), on_delete=models.PROTECT, related_name="communications"
    )
    audience = models.CharField(_("audience"), max_length=200)
    content = models.TextField(_("content"))
    frequency = models.CharField(_("frequency"), max_length=12, choices=Frequency.choices)
    channel = models.CharField(_("channel"), max_length=12, choices=Channel.choices)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("owner"), on_delete=models.PROTECT, related_name="+"
    )
    last_sent_on = models.DateField(_("last sent"), null=True, blank=True)
    next_due_on = models.DateField(_("next due"), null=True, blank=True, editable=False)
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = CommunicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("communication")
        verbose_name_plural = _("communication plan")
        ordering = ["program", "audience", "pk"]

    def __str__(self):
        return f"{self.audience}: {self.get_frequency_display()}"

    def get_absolute_url(self):
        return record_url("delivery:communication_detail", self.pk)

    def clean(self):
        """Last sent from FIRST_DATE to the program's today (bpo.core.zones): a sending in 2030
        moved the next due date to 2030, and the line never showed as overdue until then.

        A staff owner given (or changed to) may see the program (risk.selectors.may_see_program,
        as a risk's owner): anyone else would be reminded of the line and find a 404 behind the
        link. Compared with the stored row, so an older line keeps its owner on other changes;
        checked by the form and by meetings.communication_create/_update (full_clean)."""
        errors = {}
        if self.last_sent_on and self.program_id:
            errors = date_range_errors(last_sent_on=self.last_sent_on)
            if self.last_sent_on > today_in(self.program.time_zone):
                errors["last_sent_on"] = _("A communication cannot be sent in the future.")
        if self.owner_id and self.program_id and not self.owner.is_vendor_user:
            stored = Communication.objects.filter(pk=self.pk).values_list("owner_id", flat=True).first()
            if stored != self.owner_id:
                from risk.selectors import may_see_program

                if not may_see_program(self.owner, self.program):
                    errors["owner"] = _("Choose someone who may see this communication's program.")
        if errors:
            raise ValidationError(errors)
