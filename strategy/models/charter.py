"""The program charter: SMART objectives, scope, budget, milestones, stakeholders, resources;
the approved revisions (snapshots) and the lifecycle gates."""

import re
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bpo.core.dates import date_range_errors, schedule_errors
from bpo.core.i18n import interpolate
from bpo.core.zones import today_in

from ..choices import BudgetCategory, Level, Phase, Raci
from ..periods import PERIOD_REGEX, line_months, periods_overlap
from ..querysets import BudgetLineQuerySet, ProgramPartQuerySet

STAFF_USER = {"is_active": True, "vendor__isnull": True}


class ProgramPart(models.Model):
    """Base of every charter row: it belongs to one program and follows its access."""

    program = models.ForeignKey("strategy.Program", verbose_name=_("program"), on_delete=models.CASCADE)

    objects = ProgramPartQuerySet.as_manager()

    class Meta:
        abstract = True

    def get_absolute_url(self):
        return self.program.get_absolute_url()


def _program_schedule_errors(part: ProgramPart, **dates) -> dict:
    """{field: message} for the given dates of a charter row outside the program's start..LAST_DATE
    (bpo.core.dates.schedule_errors; FIRST_DATE..LAST_DATE while the row has no program yet, as in
    the charter form before the service sets it)."""
    return schedule_errors(part.program.start_date if part.program_id else None, **dates)


class Objective(ProgramPart):
    """A SMART goal. A draft may be incomplete; the charter cannot be submitted or approved
    while a goal lacks a measurable target or a target date (see `smart_gaps`)."""

    statement = models.CharField(_("statement"), max_length=300)
    kpi = models.CharField(_("KPI"), max_length=200, blank=True)
    unit = models.CharField(_("unit"), max_length=40, blank=True, help_text=_("For example %, USD, days."))
    baseline = models.DecimalField(_("baseline"), max_digits=16, decimal_places=2, null=True, blank=True)
    target = models.DecimalField(_("target"), max_digits=16, decimal_places=2, null=True, blank=True)
    target_date = models.DateField(_("target date"), null=True, blank=True)
    method = models.CharField(_("measurement method"), max_length=300, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to=STAFF_USER,
    )

    class Meta:
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")
        ordering = ["program", "pk"]
        default_related_name = "objectives"

    def __str__(self):
        return self.statement

    def clean(self):
        # From the program's start to LAST_DATE, as the program's other plans (meetings, drills):
        # 1990 or 2200 was saved and the goal shown as SMART.
        errors = _program_schedule_errors(self, target_date=self.target_date)
        if errors:
            raise ValidationError(errors)

    def smart_gaps(self) -> list:
        """What keeps this goal from being specific and measurable (empty when it is SMART)."""
        gaps = []
        if not self.kpi:
            gaps.append(_("a KPI"))
        if not self.unit:
            gaps.append(_("a unit"))
        if self.target is None:
            gaps.append(_("a measurable target"))
        if self.target_date is None:
            gaps.append(_("a target date"))
        if not self.method:
            gaps.append(_("a measurement method"))
        if self.owner_id is None:
            gaps.append(_("an owner"))
        if self.target is not None and self.baseline is not None and self.target == self.baseline:
            gaps.append(_("a target different from the baseline"))
        return gaps


class ScopeItem(ProgramPart):
    """A business process in or out of scope, with its volume, locations and current FTEs."""

    process = models.CharField(_("business process"), max_length=200)
    in_scope = models.BooleanField(_("in scope"), default=True)
    volume = models.DecimalField(
        _("volume"), max_digits=14, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    volume_unit = models.CharField(_("volume unit"), max_length=60, blank=True, help_text=_("For example calls/month."))
    locations = models.CharField(_("locations"), max_length=200, blank=True)
    current_fte = models.DecimalField(
        _("current FTEs"), max_digits=8, decimal_places=2, default=Decimal("0"), validators=[MinValueValidator(0)]
    )

    class Meta:
        verbose_name = _("scope item")
        verbose_name_plural = _("scope items")
        ordering = ["program", "-in_scope", "process"]
        default_related_name = "scope_items"

    def __str__(self):
        return self.process


class BudgetLine(ProgramPart):
    """A planned amount by category and period. Finance approves it; any change clears the approval."""

    category = models.CharField(_("category"), max_length=20, choices=BudgetCategory.choices)
    period = models.CharField(
        _("period"),
        max_length=7,
        validators=[RegexValidator(PERIOD_REGEX, _("Use 2026, 2026-Q1 or 2026-01."))],
        help_text=_("A year (2026), a quarter (2026-Q1) or a month (2026-01)."),
    )
    planned_amount = models.DecimalField(
        _("planned amount"), max_digits=16, decimal_places=2, validators=[MinValueValidator(Decimal("0"))]
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)

    objects = BudgetLineQuerySet.as_manager()  # money: finance reads every program's

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["program", "period", "category"]
        default_related_name = "budget_lines"
        constraints = [
            models.CheckConstraint(name="budget_amount_not_negative", condition=Q(planned_amount__gte=0)),
        ]

    def __str__(self):
        return f"{self.get_category_display()} {self.period}"

    def clean(self):
        # The period lies within the program's term (as a cost entry's month, delivery/models/cost.py)
        # and shares no month with another line of its category: the planned total and the burn
        # chart add the lines up, so 2026-Q1 twice, or 2026-01 beside 2026-Q1, counted a month twice.
        # The service locks the program row while it checks, so two lines added at once cannot both pass.
        if not self.program_id or not self.period or not re.fullmatch(PERIOD_REGEX, self.period):
            return
        first, last = line_months(self.period)
        errors = date_range_errors(period=first) or date_range_errors(period=last)
        start, end = self.program.start_date, self.program.end_date
        if (start and first < start.replace(day=1)) or (end and last > end.replace(day=1)):
            errors["period"] = interpolate(
                _("The period %(period)s is outside the program's term (%(start)s to %(end)s)."),
                {
                    "period": self.period,
                    "start": f"{start:%Y-%m}" if start else "…",
                    "end": f"{end:%Y-%m}" if end else "…",
                },
            )
        if not errors and self.category:
            same_year = BudgetLine.objects.filter(
                program_id=self.program_id, category=self.category, period__startswith=self.period[:4]
            ).exclude(pk=self.pk)
            other = next(
                (p for p in same_year.values_list("period", flat=True) if periods_overlap(p, self.period)), None
            )
            if other:
                errors["period"] = interpolate(
                    _(
                        "The %(category)s budget already has a line for %(other)s, which shares months with "
                        "%(period)s. Change that line instead."
                    ),
                    {"category": self.get_category_display(), "other": other, "period": self.period},
                )
        if errors:
            raise ValidationError(errors)


class Milestone(ProgramPart):
    """A dated step of the lifecycle: the baseline date is the plan, the forecast moves, the actual is fact."""

    name = models.CharField(_("name"), max_length=200)
    phase = models.CharField(_("phase"), max_length=16, choices=Phase.choices)
    baseline_date = models.DateField(_("baseline date"))
    forecast_date = models.DateField(_("forecast date"), null=True, blank=True)
    actual_date = models.DateField(_("actual date"), null=True, blank=True)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["program", "baseline_date", "pk"]
        default_related_name = "milestones"

    def __str__(self):
        return self.name

    def clean(self):
        # As a plan task's actual dates (delivery/plan_services.py): a fact, so not in the future.
        # Today in the program's time zone: a Shanghai program's milestone may be done "today"
        # from 16:00 UTC the day before.
        today = today_in(self.program.time_zone) if self.program_id else timezone.localdate()
        errors = _program_schedule_errors(
            self, baseline_date=self.baseline_date, forecast_date=self.forecast_date, actual_date=self.actual_date
        )
        if self.actual_date and self.actual_date > today:
            errors["actual_date"] = _("An actual date cannot be in the future.")
        if errors:
            raise ValidationError(errors)

    @property
    def slip_days(self):
        """Days the forecast (or actual) lies after the baseline; negative when early."""
        other = self.actual_date or self.forecast_date
        return (other - self.baseline_date).days if other else None


class Stakeholder(ProgramPart):
    """Someone the program affects: influence, interest and RACI."""

    name = models.CharField(_("name"), max_length=200)
    title = models.CharField(_("role or title"), max_length=200, blank=True)
    influence = models.CharField(_("influence"), max_length=8, choices=Level.choices, default=Level.MEDIUM)
    interest = models.CharField(_("interest"), max_length=8, choices=Level.choices, default=Level.MEDIUM)
    raci = models.CharField(_("RACI"), max_length=1, choices=Raci.choices, default=Raci.INFORMED)

    class Meta:
        verbose_name = _("stakeholder")
        verbose_name_plural = _("stakeholders")
        ordering = ["program", "raci", "name"]
        default_related_name = "stakeholders"

    def __str__(self):
        return self.name


class ResourceAllocation(ProgramPart):
    """Internal people the program needs: team, role, FTE and period."""

    team = models.CharField(_("team"), max_length=120)
    role = models.CharField(_("role"), max_length=120)
    fte = models.DecimalField(_("FTE"), max_digits=6, decimal_places=2, validators=[MinValueValidator(Decimal("0.01"))])
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        verbose_name = _("resource allocation")
        verbose_name_plural = _("resource allocations")
        ordering = ["program", "team", "role"]
        default_related_name = "resources"
        constraints = [
            models.CheckConstraint(
                name="resource_dates_in_order",
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                violation_error_message=_("The end date cannot be before the start date."),
            ),
        ]

    def __str__(self):
        return f"{self.team} · {self.role}"

    def clean(self):
        errors = _program_schedule_errors(self, start_date=self.start_date, end_date=self.end_date)
        if not errors and self.end_date and self.start_date and self.end_date < self.start_date:
            errors["end_date"] = _("The end date cannot be before the start date.")
        if errors:
            raise ValidationError(errors)


class CharterRevision(ProgramPart):
    """An approved charter, frozen: the program fields and every charter row as they were approved."""

    number = models.PositiveIntegerField(_("revision"))
    snapshot = models.JSONField(_("snapshot"))
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("approved by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(_("approved"))

    class Meta:
        verbose_name = _("charter revision")
        verbose_name_plural = _("charter revisions")
        ordering = ["program", "-number"]
        default_related_name = "revisions"
        constraints = [models.UniqueConstraint(fields=["program", "number"], name="charter_revision_once")]

    def __str__(self):
        return _("Revision %(n)s") % {"n": self.number}


class PhaseGate(ProgramPart):
    """The passing of one phase's gate: by whom, when, and (for an override) why."""

    phase = models.CharField(_("phase"), max_length=16, choices=Phase.choices)
    passed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("passed by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    passed_at = models.DateTimeField(_("passed"))
    override_reason = models.TextField(
        _("override reason"), blank=True, help_text=_("Why the gate was passed although its checklist was not met.")
    )

    class Meta:
        verbose_name = _("phase gate")
        verbose_name_plural = _("phase gates")
        ordering = ["program", "passed_at"]
        default_related_name = "gates"
        constraints = [models.UniqueConstraint(fields=["program", "phase"], name="phase_gate_once")]

    def __str__(self):
        return self.get_phase_display()
