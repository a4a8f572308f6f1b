"""Corrective actions (CAPA): the one model for every source.

Sources: a risk review, a drill finding, an incident (risk app), a service-level breach, a
quality audit, a quality review or a complaint (issue 6, performance app). The source is a
choice plus nullable links; the owner is any user (staff or vendor) with the vendor copied
for portal scoping. Flow: (proposed ->) open -> in progress -> done -> verified. A BREACH
result of a finalized period and a failed audit each *propose* one action, once (the
conditional unique constraints below): staff name an owner and open it, or dismiss it.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from bpo.core.dates import date_range_errors, due_date_errors
from bpo.core.links import record_url
from bpo.core.zones import today_in

from ..choices import ActionSource, ActionStatus
from ..querysets import CorrectiveActionQuerySet

# The titles the system gives the actions it proposes, by CorrectiveAction.title_values["kind"].
GENERATED_TITLES = {
    "breach": _("Breach of %(code)s in %(period)s"),
    "audit": _("Failed audit %(ref)s: %(process)s"),
}
# ... and the problem it describes, by CorrectiveAction.problem_values["kind"].
GENERATED_PROBLEMS = {
    "breach": _(
        "%(code)s %(name)s measured %(value)s against the expected %(expected)s (minimum %(minimum)s) in %(period)s on %(contract)s."
    ),
    "audit": _(
        "Defect rate %(rate)s%% above the acceptance level %(level)s%% (%(defects)s defects in %(sample)s samples, %(start)s to %(end)s)."
    ),
}


def _worded(texts: dict, values: dict) -> str | None:
    """A generated title or problem in the active language: the text of its kind (GENERATED_TITLES,
    GENERATED_PROBLEMS) filled with its figures; None for a typed one (no kind) or figures that no
    longer fit the text, so the caller shows what is stored."""
    text = texts.get(values.get("kind"))
    if text is None:
        return None
    try:
        return str(text % values)
    except (KeyError, TypeError, ValueError):
        return None


class CorrectiveAction(models.Model):
    program = models.ForeignKey(
        "strategy.Program", verbose_name=_("program"), on_delete=models.PROTECT, related_name="corrective_actions"
    )
    source = models.CharField(_("source"), max_length=16, choices=ActionSource.choices)
    risk = models.ForeignKey(
        "risk.Risk",
        verbose_name=_("risk"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="corrective_actions",
    )
    drill_finding = models.OneToOneField(
        "risk.DrillFinding",
        verbose_name=_("drill finding"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="corrective_action",
    )
    incident = models.ForeignKey(
        "risk.Incident",
        verbose_name=_("incident"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="corrective_actions",
    )
    # Issue 6's sources: the breached result, the failed audit, the quality review, the contract concerned.
    result = models.ForeignKey(
        "performance.Result",
        verbose_name=_("service-level result"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="corrective_actions",
    )
    audit = models.ForeignKey(
        "performance.QualityAudit",
        verbose_name=_("quality audit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="corrective_actions",
    )
    quality_review = models.ForeignKey(
        "performance.QualityReview",
        verbose_name=_("quality review"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="corrective_actions",
    )
    contract = models.ForeignKey(
        "contracts.Contract",
        verbose_name=_("contract"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="corrective_actions",
    )
    title = models.CharField(_("title"), max_length=200)
    # A title the system wrote (a breach, a failed audit) as its kind and figures, worded in the
    # reader's language (display_title); emptied once a user edits the title, whose text is then kept.
    title_values = models.JSONField(_("title figures"), default=dict, blank=True, editable=False)
    problem = models.TextField(_("problem"))
    # The same for a generated problem (its figures; an audit's findings follow it as written).
    problem_values = models.JSONField(_("problem figures"), default=dict, blank=True, editable=False)
    root_cause = models.TextField(_("root cause"), blank=True)
    action_plan = models.TextField(_("action"), blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="risk_corrective_actions",
        limit_choices_to={"is_active": True},
        help_text=_("A staff user, or a vendor user when the vendor must act."),
    )
    vendor = models.ForeignKey(
        "vendors.Vendor",
        verbose_name=_("vendor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="risk_corrective_actions",
        editable=False,
    )
    due_date = models.DateField(_("due date"))
    status = models.CharField(_("status"), max_length=12, choices=ActionStatus.choices, default=ActionStatus.OPEN)
    # The owner's latest progress update (a vendor writes it in the portal; the history keeps earlier ones).
    progress_note = models.TextField(_("progress"), blank=True)
    progress_at = models.DateTimeField(_("progress updated"), null=True, blank=True, editable=False)
    done_at = models.DateTimeField(_("done"), null=True, blank=True, editable=False)
    verified_at = models.DateTimeField(_("verified"), null=True, blank=True, editable=False)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verified by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    verification_notes = models.TextField(_("verification of effectiveness"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = CorrectiveActionQuerySet.as_manager()

    class Meta:
        verbose_name = _("corrective action")
        verbose_name_plural = _("corrective actions")
        ordering = ["due_date", "pk"]
        constraints = [
            models.CheckConstraint(
                name="capa_verified_has_verifier",
                condition=~models.Q(status="verified") | models.Q(verified_at__isnull=False),
            ),
            models.CheckConstraint(
                name="capa_assigned_has_owner",
                condition=models.Q(status__in=["proposed", "dismissed"]) | models.Q(owner__isnull=False),
            ),
            # Proposed once: however often the engine or the audit form runs again.
            models.UniqueConstraint(
                fields=["result"], condition=models.Q(source="breach"), name="capa_once_per_breach"
            ),
            models.UniqueConstraint(fields=["audit"], condition=models.Q(source="audit"), name="capa_once_per_audit"),
        ]

    def __str__(self):
        return f"{self.reference} {self.display_title}"

    def get_absolute_url(self):
        return record_url("risk:action_detail", self.pk)

    def clean(self):
        """A new action is due from today, in the program's time zone (one due earlier was overdue
        the moment it was raised), to LAST_DATE, and so is a saved one whose due date is set or
        changed (on every door: page, service, admin); a saved one keeping its stored date keeps it
        within FIRST_DATE..LAST_DATE (an overdue action stays editable)."""
        if self.due_date is None or not self.program_id:
            return
        stored = None
        if not self._state.adding:
            stored = type(self).objects.filter(pk=self.pk).values_list("due_date", flat=True).first()
        if self._state.adding or self.due_date != stored:
            errors = due_date_errors(today_in(self.program.time_zone), due_date=self.due_date)
        else:
            errors = date_range_errors(due_date=self.due_date)
        if errors:
            raise ValidationError(errors)

    @property
    def display_problem(self) -> str:
        """The problem in the active language: a generated one worded from its figures (an audit's
        findings after it, as written), a typed one as typed."""
        values = self.problem_values or {}
        problem = _worded(GENERATED_PROBLEMS, values)
        if problem is None:
            return self.problem
        return f"{problem}\n{values['findings']}" if values.get("findings") else problem

    @property
    def display_title(self) -> str:
        """The title in the active language: a generated one worded from its figures, a typed one as typed."""
        title = _worded(GENERATED_TITLES, self.title_values or {})
        return self.title if title is None else title

    @property
    def reference(self):
        return f"CA-{self.pk:04d}" if self.pk else "CA-new"


# An action's title and problem for a notification's lazy text (bpo.core.i18n.interpolate): worded
# in each recipient's language when the notification is written for them.
lazy_title = lazy(lambda action: action.display_title, str)
lazy_problem = lazy(lambda action: action.display_problem, str)
