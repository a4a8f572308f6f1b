"""Quality records: standards per process, sample-based audits and periodic quality reviews.

Rules: DOMAIN.md "Scorecards, quality, improvement"; the arithmetic is in computation.py.
A failed audit proposes a corrective action (risk.CorrectiveAction, source "audit") once."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from bpo.core.dates import check_date_range
from bpo.core.links import record_url
from bpo.core.zones import today_in
from contracts.choices import Direction

from .choices import AuditOutcome, ReviewRating
from .querysets import AuditQuerySet, ReviewQuerySet, StandardQuerySet

__all__ = ["QualityAudit", "QualityReview", "QualityStandard"]

# One wording for any sample size under 1 (0 or -5), on the page, through the API and in the services.
SAMPLE_SIZE_ERROR = _("The sample must hold at least one item.")
# Business bounds of the counts a user types (the database's own, 9223372036854775807, is no rule).
SAMPLE_MAX = 1_000_000
SAMPLE_SIZE_MAX_ERROR = _("Enter a sample size up to 1,000,000.")
DEFECTS_MAX_ERROR = _("Enter a number of defects up to 1,000,000.")
PERCENT = {"max_digits": 8, "decimal_places": 4, "validators": [MinValueValidator(0), MaxValueValidator(100)]}


class QualityStandard(models.Model):
    """What good quality means for one process of a program, e.g. "invoice accuracy >= 99.5 %"."""

    program = models.ForeignKey(
        "strategy.Program", verbose_name=_("program"), on_delete=models.CASCADE, related_name="quality_standards"
    )
    process = models.CharField(_("process"), max_length=200)
    metric = models.CharField(_("metric"), max_length=300, help_text=_("What is measured, e.g. invoice accuracy."))
    target = models.DecimalField(_("target"), max_digits=12, decimal_places=4)
    direction = models.CharField(_("direction"), max_length=8, choices=Direction.choices, default=Direction.HIGHER)
    unit = models.CharField(_("unit"), max_length=20, blank=True, default="%")
    acceptance_level = models.DecimalField(
        _("acceptance level (max. defect rate %)"),
        help_text=_("An audit passes when its defect rate is at or below this level."),
        **PERCENT,
    )
    description = models.TextField(_("description"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = StandardQuerySet.as_manager()

    class Meta:
        verbose_name = _("quality standard")
        verbose_name_plural = _("quality standards")
        ordering = ["program", "process", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["program", "process", "metric"], name="quality_standard_once"),
            models.CheckConstraint(
                name="quality_standard_acceptance_0_100",
                condition=models.Q(acceptance_level__gte=0, acceptance_level__lte=100),
            ),
        ]

    def __str__(self):
        return f"{self.process}: {self.metric} {self.target_display}"

    def get_absolute_url(self):
        return record_url("performance:quality_standard_detail", self.pk)

    @property
    def target_display(self):
        sign = ">=" if self.direction == Direction.HIGHER else "<="
        return f"{sign} {self.target.normalize():f}{' ' + self.unit if self.unit else ''}"


class QualityAudit(models.Model):
    """A sample-based audit of one contract's work against a standard; the acceptance level is copied."""

    standard = models.ForeignKey(
        QualityStandard, verbose_name=_("standard"), on_delete=models.PROTECT, related_name="audits"
    )
    contract = models.ForeignKey(
        "contracts.Contract", verbose_name=_("contract"), on_delete=models.PROTECT, related_name="quality_audits"
    )
    period_start = models.DateField(_("sampled from"))
    period_end = models.DateField(_("sampled to"), help_text=_("The audit counts in the scorecard period of this day."))
    audited_on = models.DateField(_("audited on"))
    auditor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("auditor"), on_delete=models.PROTECT, related_name="quality_audits"
    )
    sample_size = models.PositiveIntegerField(
        _("sample size"),
        validators=[MinValueValidator(1), MaxValueValidator(SAMPLE_MAX, message=SAMPLE_SIZE_MAX_ERROR)],
    )
    defects = models.PositiveIntegerField(
        _("defects"), validators=[MaxValueValidator(SAMPLE_MAX, message=DEFECTS_MAX_ERROR)]
    )
    defect_rate = models.DecimalField(_("defect rate (%)"), editable=False, **PERCENT)
    acceptance_level = models.DecimalField(_("acceptance level (%)"), editable=False, **PERCENT)
    outcome = models.CharField(_("result"), max_length=4, choices=AuditOutcome.choices, editable=False)
    findings = models.TextField(_("findings"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        verbose_name = _("quality audit")
        verbose_name_plural = _("quality audits")
        ordering = ["-audited_on", "-pk"]
        constraints = [
            models.CheckConstraint(name="quality_audit_sample_positive", condition=models.Q(sample_size__gt=0)),
            models.CheckConstraint(
                name="quality_audit_defects_within_sample", condition=models.Q(defects__lte=models.F("sample_size"))
            ),
            models.CheckConstraint(
                name="quality_audit_period_order", condition=models.Q(period_end__gte=models.F("period_start"))
            ),
        ]

    def __str__(self):
        return f"{self.reference} {self.standard.process}"

    def get_absolute_url(self):
        return record_url("performance:quality_audit_detail", self.pk)

    @property
    def reference(self):
        return f"QA-{self.pk:04d}" if self.pk else "QA-new"

    @property
    def vendor(self):
        return self.contract.vendor

    def clean(self):
        # Every refusal at once, each next to its field: a first one raised alone left the others
        # to the database constraints, whose raw text ("Constraint ... is violated") then showed.
        errors = self.audit_errors()
        if errors:
            raise ValidationError(errors)

    def audit_errors(self) -> dict:
        """{field: message} of what is wrong with the audit's figures and dates (empty when none)."""
        from django.utils import timezone

        errors = {}
        if self.sample_size is not None and self.sample_size < 1:
            errors["sample_size"] = SAMPLE_SIZE_ERROR
        elif self.defects is not None and self.sample_size is not None and self.defects > self.sample_size:
            errors["defects"] = _("There cannot be more defects than samples.")
        if self.period_start and self.period_end and self.period_end < self.period_start:
            errors["period_end"] = _("The sampled period ends before it starts.")
        contract = self.contract if self.contract_id else None
        if contract is not None and self.period_start and self.period_start < contract.start_date:
            errors["period_start"] = _("The contract starts on %(date)s: the sample cannot start before.") % {
                "date": contract.start_date.isoformat()
            }
        if self.audited_on:
            # Today in the program's time zone (the contract's program).
            today = today_in(contract.program.time_zone) if contract is not None else timezone.localdate()
            if self.audited_on > today:
                errors["audited_on"] = _("The audit date cannot be in the future.")
            elif self.period_end and self.audited_on < self.period_end and "period_end" not in errors:
                errors["audited_on"] = _("The audit cannot be before the last sampled day (%(date)s).") % {
                    "date": self.period_end.isoformat()
                }
        if self.standard_id and self.contract_id and self.standard.program_id != self.contract.program_id:
            errors["contract"] = _("Choose a contract of the standard's program.")
        return errors


class QualityReview(models.Model):
    """A periodic quality review (monthly or quarterly service review of quality) with its findings."""

    program = models.ForeignKey(
        "strategy.Program", verbose_name=_("program"), on_delete=models.CASCADE, related_name="quality_reviews"
    )
    contract = models.ForeignKey(
        "contracts.Contract",
        verbose_name=_("contract"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="quality_reviews",
    )
    title = models.CharField(_("title"), max_length=200)
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    held_on = models.DateField(_("held on"))
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reviewer"), on_delete=models.PROTECT, related_name="quality_reviews"
    )
    rating = models.CharField(_("rating"), max_length=16, choices=ReviewRating.choices)
    summary = models.TextField(_("summary"), blank=True)
    findings = models.TextField(_("findings"), blank=True, help_text=_("One finding per line."))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ReviewQuerySet.as_manager()

    class Meta:
        verbose_name = _("quality review")
        verbose_name_plural = _("quality reviews")
        ordering = ["-held_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                name="quality_review_period_order", condition=models.Q(period_end__gte=models.F("period_start"))
            )
        ]

    def __str__(self):
        return f"{self.reference} {self.title}"

    def get_absolute_url(self):
        return record_url("performance:quality_review_detail", self.pk)

    @property
    def reference(self):
        return f"QR-{self.pk:04d}" if self.pk else "QR-new"

    @property
    def finding_lines(self):
        return [line.strip() for line in self.findings.splitlines() if line.strip()]

    def clean(self):
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("The period ends before it starts.")})
        check_date_range(period_start=self.period_start, period_end=self.period_end, held_on=self.held_on)
        if self.contract_id and self.program_id and self.contract.program_id != self.program_id:
            raise ValidationError({"contract": _("Choose a contract of this program.")})
