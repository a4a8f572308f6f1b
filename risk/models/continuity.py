"""Continuity: contingency plans with ordered response steps, and the drills that test them."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from bpo.core.links import record_url

from ..choices import DrillStatus, ObjectiveResult
from ..querysets import ProgramScopedQuerySet, ViaDrillQuerySet, ViaPlanQuerySet
from .register import STAFF_ONLY

# Business bounds of what a user types (the database's own, 9223372036854775807, is no rule):
# recovery objectives within a year, a response step within a year of the activation.
HOURS_MAX, MINUTES_MAX = 8_760, 525_600
HOURS_MAX_ERROR = _("Enter at most 8,760 hours (a year).")
MINUTES_MAX_ERROR = _("Enter at most 525,600 minutes (a year).")


class ContingencyPlan(models.Model):
    """What the program does when a scenario happens: triggers, ordered steps, resources to
    reallocate, who tells whom, recovery targets, and the exit plan for the vendor."""

    program = models.ForeignKey(
        "strategy.Program", verbose_name=_("program"), on_delete=models.PROTECT, related_name="contingency_plans"
    )
    risk = models.ForeignKey(
        "risk.Risk",
        verbose_name=_("risk"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="plans",
        help_text=_("The risk this plan responds to, if any."),
    )
    vendor = models.ForeignKey(
        "vendors.Vendor",
        verbose_name=_("vendor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="contingency_plans",
        help_text=_("The vendor whose failure or exit the plan covers."),
    )
    contract = models.ForeignKey(
        "contracts.Contract",
        verbose_name=_("contract"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contingency_plans",
        help_text=_("The contract whose exit plan this is."),
    )
    title = models.CharField(_("title"), max_length=200)
    scenario = models.TextField(_("scenario"))
    triggers = models.TextField(_("triggers"), help_text=_("What tells you to activate the plan."))
    backup_vendor = models.ForeignKey(
        "vendors.Vendor",
        verbose_name=_("backup vendor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="backup_for_plans",
    )
    resources = models.TextField(
        _("resources to reallocate"), blank=True, help_text=_("In-house team, equipment, budget, sites.")
    )
    communication_tree = models.TextField(
        _("communication tree"), blank=True, help_text=_("Who informs whom, in which order, one line each.")
    )
    recovery_time_hours = models.PositiveIntegerField(
        _("recovery time objective (hours)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(HOURS_MAX, message=HOURS_MAX_ERROR)],
    )
    recovery_point_hours = models.PositiveIntegerField(
        _("recovery point objective (hours)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(HOURS_MAX, message=HOURS_MAX_ERROR)],
    )
    recovery_targets = models.TextField(_("other recovery targets"), blank=True)
    exit_plan = models.TextField(
        _("exit plan"), blank=True, help_text=_("How the service is moved to another vendor or in-house.")
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_contingency_plans",
        limit_choices_to=STAFF_ONLY,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ProgramScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("contingency plan")
        verbose_name_plural = _("contingency plans")
        ordering = ["program__code", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return record_url("risk:plan_detail", self.pk)

    def clean(self):
        """The backup vendor is another vendor than the one the plan covers (the plan's vendor,
        or its contract's)."""
        if self.backup_vendor_id is None:
            return
        primary = {self.vendor_id, self.contract.vendor_id if self.contract_id else None} - {None}
        if self.backup_vendor_id in primary:
            raise ValidationError(
                {"backup_vendor": _("The backup vendor cannot be the vendor whose failure or exit the plan covers.")}
            )


class ResponseStep(models.Model):
    """One step of a plan, in order: who does what, within how long of the activation."""

    plan = models.ForeignKey(ContingencyPlan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="steps")
    order = models.PositiveSmallIntegerField(_("order"))
    who = models.CharField(_("who"), max_length=200)
    action = models.TextField(_("what"))
    within_minutes = models.PositiveIntegerField(
        _("within (minutes)"),
        help_text=_("From activation of the plan."),
        validators=[MaxValueValidator(MINUTES_MAX, message=MINUTES_MAX_ERROR)],
    )

    objects = ViaPlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("response step")
        verbose_name_plural = _("response steps")
        ordering = ["plan", "order"]
        constraints = [models.UniqueConstraint(fields=["plan", "order"], name="step_order_unique_in_plan")]

    def __str__(self):
        return f"{self.order}. {self.action[:60]}"


class Drill(models.Model):
    """An exercise of a plan (应急演练): scheduled, reminded before it is due, run with
    participants and a result per objective; its findings become corrective actions."""

    plan = models.ForeignKey(ContingencyPlan, verbose_name=_("plan"), on_delete=models.PROTECT, related_name="drills")
    title = models.CharField(_("title"), max_length=200)
    scheduled_for = models.DateField(_("scheduled for"))
    status = models.CharField(_("status"), max_length=10, choices=DrillStatus.choices, default=DrillStatus.SCHEDULED)
    run_on = models.DateField(_("run on"), null=True, blank=True)
    participants = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("participants"), blank=True, related_name="risk_drills"
    )
    other_participants = models.TextField(_("other participants"), blank=True)
    summary = models.TextField(_("summary"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = ViaPlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("drill")
        verbose_name_plural = _("drills")
        ordering = ["-scheduled_for", "pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return record_url("risk:drill_detail", self.pk)


class DrillObjective(models.Model):
    """What the drill must show, with the result recorded when it is run."""

    drill = models.ForeignKey(Drill, verbose_name=_("drill"), on_delete=models.CASCADE, related_name="objectives")
    description = models.CharField(_("objective"), max_length=300)
    result = models.CharField(_("result"), max_length=8, choices=ObjectiveResult.choices, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    objects = ViaDrillQuerySet.as_manager()

    class Meta:
        verbose_name = _("drill objective")
        verbose_name_plural = _("drill objectives")
        ordering = ["drill", "pk"]

    def __str__(self):
        return self.description


class DrillFinding(models.Model):
    """Something the drill showed that must be fixed; raising it creates a corrective action."""

    drill = models.ForeignKey(Drill, verbose_name=_("drill"), on_delete=models.CASCADE, related_name="findings")
    description = models.TextField(_("finding"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = ViaDrillQuerySet.as_manager()

    class Meta:
        verbose_name = _("drill finding")
        verbose_name_plural = _("drill findings")
        ordering = ["drill", "pk"]

    def __str__(self):
        return self.description[:80]

    def get_absolute_url(self):
        return self.drill.get_absolute_url()
