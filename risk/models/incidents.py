"""Incidents: what happened, its timeline, the plan activated (as a timed checklist) and the review."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bpo.core.dates import date_range_errors
from bpo.core.links import record_url

from ..choices import IncidentStatus, Severity
from ..querysets import ProgramScopedQuerySet, ViaIncidentQuerySet


class Incident(models.Model):
    program = models.ForeignKey(
        "strategy.Program", verbose_name=_("program"), on_delete=models.PROTECT, related_name="incidents"
    )
    risk = models.ForeignKey(
        "risk.Risk", verbose_name=_("risk"), null=True, blank=True, on_delete=models.SET_NULL, related_name="incidents"
    )
    vendor = models.ForeignKey(
        "vendors.Vendor", verbose_name=_("vendor"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"))
    severity = models.CharField(_("severity"), max_length=6, choices=Severity.choices)
    status = models.CharField(_("status"), max_length=10, choices=IncidentStatus.choices, default=IncidentStatus.OPEN)
    occurred_at = models.DateTimeField(_("occurred"))
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    plan = models.ForeignKey(
        "risk.ContingencyPlan",
        verbose_name=_("plan activated"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="activations",
        editable=False,
    )
    plan_activated_at = models.DateTimeField(_("plan activated"), null=True, blank=True, editable=False)
    # The post-incident review.
    review_summary = models.TextField(_("what happened and why"), blank=True)
    root_cause = models.TextField(_("root cause"), blank=True)
    lessons_learned = models.TextField(_("lessons learned"), blank=True)
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True, editable=False)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = ProgramScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("incident")
        verbose_name_plural = _("incidents")
        ordering = ["-occurred_at", "-pk"]

    def __str__(self):
        return f"{self.reference} {self.title}"

    def get_absolute_url(self):
        return record_url("risk:incident_detail", self.pk)

    def clean(self):
        """The timeline and the status agree: an incident occurred not later than now, is resolved
        after it occurred and not later than now; an open incident (being handled) has no resolved time; an incident is
        closed by its post-incident review only."""
        # Not before FIRST_DATE either (an incident of 1900 sorted below every other one).
        errors = date_range_errors(occurred_at=self.occurred_at.date() if self.occurred_at else None)
        if self.occurred_at is not None and self.occurred_at > timezone.now():
            errors["occurred_at"] = _("The incident cannot have occurred in the future.")
        if self.resolved_at is not None:
            if self.occurred_at is not None and self.resolved_at < self.occurred_at:
                errors["resolved_at"] = _("The incident cannot be resolved before it occurred.")
            elif self.resolved_at > timezone.now():
                errors["resolved_at"] = _("The resolved time cannot be in the future.")
            elif self.status == IncidentStatus.OPEN:
                errors["resolved_at"] = _(
                    "An open incident has no resolved time: clear it, or set the status to Resolved."
                )
        if self.status == IncidentStatus.CLOSED and self.reviewed_at is None:
            errors["status"] = _(
                "An incident is closed by its post-incident review: set it to Resolved, then record the review."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def reference(self):
        return f"INC-{self.pk:04d}" if self.pk else "INC-new"


# The longest timeline entry (services.incident_add_event, the timeline form).
EVENT_MAX_LENGTH = 2000


class IncidentEvent(models.Model):
    """One line of the incident's timeline."""

    incident = models.ForeignKey(Incident, verbose_name=_("incident"), on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(_("when"))
    entry = models.TextField(_("what happened"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ViaIncidentQuerySet.as_manager()

    class Meta:
        verbose_name = _("timeline entry")
        verbose_name_plural = _("timeline entries")
        ordering = ["at", "pk"]

    def __str__(self):
        return self.entry[:80]


class ChecklistItem(models.Model):
    """A response step of the activated plan, copied onto the incident: due at activation +
    the step's time, ticked off with who and when."""

    incident = models.ForeignKey(
        Incident, verbose_name=_("incident"), on_delete=models.CASCADE, related_name="checklist"
    )
    step = models.ForeignKey(
        "risk.ResponseStep", verbose_name=_("step"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    order = models.PositiveSmallIntegerField(_("order"))
    who = models.CharField(_("who"), max_length=200)
    action = models.TextField(_("what"))
    due_at = models.DateTimeField(_("due"))
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("done by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ViaIncidentQuerySet.as_manager()

    class Meta:
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")
        ordering = ["incident", "order", "pk"]

    def __str__(self):
        return f"{self.order}. {self.action[:60]}"

    @property
    def late(self) -> bool:
        """Done after its due time (or, while open, compare with now in the view)."""
        return bool(self.done_at and self.done_at > self.due_at)
