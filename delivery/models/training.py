"""Training (courses, sessions, attendance and assessment) and technical support requests."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bpo.core.dates import schedule_errors
from bpo.core.links import record_url
from bpo.core.zones import in_zone

from ..choices_engagement import CourseCategory, SessionStatus, SupportCategory, SupportPriority, SupportStatus
from ..querysets_engagement import AttendanceQuerySet, CourseQuerySet, SessionQuerySet, SupportRequestQuerySet

SCORE = [MinValueValidator(0), MaxValueValidator(100)]


class Course(models.Model):
    """A course of a program. A pass score, when set, is what an attendee needs to complete it."""

    program = models.ForeignKey(
        "strategy.Program", verbose_name=_("program"), on_delete=models.PROTECT, related_name="courses"
    )
    title = models.CharField(_("title"), max_length=200)
    category = models.CharField(_("category"), max_length=24, choices=CourseCategory.choices)
    description = models.TextField(_("description"), blank=True)
    pass_score = models.DecimalField(
        _("pass score"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=SCORE,
        help_text=_("0-100. Empty: attending completes the course."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = CourseQuerySet.as_manager()

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        ordering = ["program", "title", "pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return record_url("delivery:course_detail", self.pk)


class TrainingSession(models.Model):
    """One run of a course, with its trainer and enrolled attendees."""

    course = models.ForeignKey(Course, verbose_name=_("course"), on_delete=models.CASCADE, related_name="sessions")
    starts_at = models.DateTimeField(_("date and time"))
    trainer = models.CharField(_("trainer"), max_length=200)
    location = models.CharField(_("location"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=SessionStatus.choices, default=SessionStatus.SCHEDULED
    )
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = SessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")
        ordering = ["-starts_at", "-pk"]

    def __str__(self):
        return f"{self.course.title} ({self.starts_at:%Y-%m-%d})"

    def get_absolute_url(self):
        return record_url("delivery:session_detail", self.pk)

    def clean(self):
        """Held from the program's start to LAST_DATE (the day in the program's time zone)."""
        if self.starts_at and self.course_id:
            program = self.course.program
            errors = schedule_errors(program.start_date, starts_at=in_zone(self.starts_at, program.time_zone).date())
            if errors:
                raise ValidationError(errors)


class Attendance(models.Model):
    """An attendee of a session (staff or vendor user): present or not, and the assessment score.

    The attendee's vendor is copied on enrolment: it is the team of the completion rates
    (empty: staff) and what the vendor's portal filters on."""

    session = models.ForeignKey(
        TrainingSession, verbose_name=_("session"), on_delete=models.CASCADE, related_name="attendances"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("attendee"),
        on_delete=models.PROTECT,
        related_name="training_attendances",
    )
    vendor = models.ForeignKey(
        "vendors.Vendor",
        verbose_name=_("vendor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="training_attendances",
        editable=False,
    )
    attended = models.BooleanField(_("attended"), null=True, blank=True, help_text=_("Empty: not recorded yet."))
    score = models.DecimalField(_("assessment score"), max_digits=5, decimal_places=2, null=True, blank=True)

    objects = AttendanceQuerySet.as_manager()

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        ordering = ["session", "user__username"]
        constraints = [
            models.UniqueConstraint(fields=["session", "user"], name="attendance_once_per_session"),
            models.CheckConstraint(
                name="attendance_score_0_100", condition=Q(score__isnull=True) | Q(score__gte=0, score__lte=100)
            ),
        ]

    def __str__(self):
        return f"{self.user} @ {self.session}"


class SupportRequest(models.Model):
    """A technical support request raised by staff or a vendor user; resolution time is
    resolved minus opened, computed (in SQL for lists), never typed."""

    program = models.ForeignKey(
        "strategy.Program", verbose_name=_("program"), on_delete=models.PROTECT, related_name="support_requests"
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"))
    category = models.CharField(_("category"), max_length=24, choices=SupportCategory.choices)
    priority = models.CharField(
        _("priority"), max_length=12, choices=SupportPriority.choices, default=SupportPriority.MEDIUM
    )
    status = models.CharField(_("status"), max_length=12, choices=SupportStatus.choices, default=SupportStatus.OPEN)
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requester"),
        on_delete=models.PROTECT,
        related_name="support_requests",
        editable=False,
    )
    vendor = models.ForeignKey(
        "vendors.Vendor",
        verbose_name=_("vendor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="support_requests",
        editable=False,
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assignee"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assigned_support_requests",
    )
    opened_at = models.DateTimeField(_("opened"), default=timezone.now, editable=False)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True, editable=False)
    resolution = models.TextField(_("resolution"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = SupportRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("support request")
        verbose_name_plural = _("support requests")
        ordering = ["-opened_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                name="support_resolved_has_time",
                condition=~Q(status="resolved") | Q(resolved_at__isnull=False),
            ),
            models.CheckConstraint(
                name="support_resolved_after_opened",
                condition=Q(resolved_at__isnull=True) | Q(resolved_at__gte=models.F("opened_at")),
            ),
        ]

    def __str__(self):
        return f"{self.reference} {self.title}"

    def get_absolute_url(self):
        return record_url("delivery:support_detail", self.pk)

    def clean(self):
        """A staff assignee given (or changed to) may see the program (risk.selectors.may_see_program,
        as a risk's owner): anyone else would be told the title and find a 404 behind the link.
        Checked by the edit form and by support_request_update (full_clean) before saving or telling."""
        super().clean()
        if self.assignee_id and self.program_id and not self.assignee.is_vendor_user:
            stored = SupportRequest.objects.filter(pk=self.pk).values_list("assignee_id", flat=True).first()
            if stored != self.assignee_id:
                from risk.selectors import may_see_program

                if not may_see_program(self.assignee, self.program):
                    raise ValidationError({"assignee": _("Choose someone who may see this request's program.")})

    @property
    def reference(self):
        return f"SR-{self.pk:04d}" if self.pk else "SR-new"

    @property
    def resolution_time(self):
        """Resolved minus opened (a timedelta), None while unresolved."""
        return self.resolved_at - self.opened_at if self.resolved_at else None

    @property
    def resolution_hours(self):
        """The resolution time in hours, one decimal (None while unresolved)."""
        delta = self.resolution_time
        return round(delta.total_seconds() / 3600, 1) if delta is not None else None
