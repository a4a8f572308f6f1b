"""The risk register: risks, their assessment history and key risk indicators."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bpo.core.links import record_url

from ..choices import Category, Direction, Level, ReviewFrequency, RiskStatus, Treatment
from ..querysets import RiskQuerySet, ViaIndicatorQuerySet, ViaRiskQuerySet
from ..scoring import risk_level, risk_score

ONE_TO_FIVE = [MinValueValidator(1), MaxValueValidator(5)]
STAFF_ONLY = {"is_active": True, "vendor__isnull": True}


def _scale_field(label):
    return models.PositiveSmallIntegerField(label, null=True, blank=True, validators=ONE_TO_FIVE)


def _in_scale(prefix):
    return Q(**{f"{prefix}__isnull": True}) | Q(**{f"{prefix}__gte": 1, f"{prefix}__lte": 5})


class Risk(models.Model):
    """One risk of a program: cause, event and effect, scored before (inherent) and after
    controls (residual). Likelihood and impact stay empty until the first assessment, which
    is what makes a risk "unassessed" for the strategy gate."""

    program = models.ForeignKey(
        "strategy.Program", verbose_name=_("program"), on_delete=models.PROTECT, related_name="risks"
    )
    vendor = models.ForeignKey(
        "vendors.Vendor",
        verbose_name=_("vendor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="risks",
        help_text=_("Optional: the vendor this risk is about."),
    )
    contract = models.ForeignKey(
        "contracts.Contract",
        verbose_name=_("contract"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="risks",
        help_text=_("Optional: the contract this risk is about (its vendor is then the risk's vendor)."),
    )
    title = models.CharField(_("title"), max_length=200)
    category = models.CharField(_("category"), max_length=24, choices=Category.choices)
    cause = models.TextField(_("cause"), blank=True)
    event = models.TextField(_("event"), help_text=_("What could happen."))
    effect = models.TextField(_("effect"), blank=True)
    inherent_likelihood = _scale_field(_("inherent likelihood"))
    inherent_impact = _scale_field(_("inherent impact"))
    inherent_score = models.PositiveSmallIntegerField(_("inherent score"), null=True, blank=True, editable=False)
    inherent_level = models.CharField(
        _("inherent level"), max_length=10, choices=Level.choices, blank=True, editable=False
    )
    controls = models.TextField(_("controls"), blank=True, help_text=_("What is in place to reduce the risk."))
    residual_likelihood = _scale_field(_("residual likelihood"))
    residual_impact = _scale_field(_("residual impact"))
    residual_score = models.PositiveSmallIntegerField(_("residual score"), null=True, blank=True, editable=False)
    residual_level = models.CharField(
        _("residual level"), max_length=10, choices=Level.choices, blank=True, editable=False
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_risks",
        limit_choices_to=STAFF_ONLY,
    )
    treatment = models.CharField(_("treatment"), max_length=10, choices=Treatment.choices, default=Treatment.MITIGATE)
    treatment_plan = models.TextField(_("treatment plan"), blank=True)
    review_frequency = models.CharField(
        _("review frequency"), max_length=12, choices=ReviewFrequency.choices, default=ReviewFrequency.QUARTERLY
    )
    next_review_date = models.DateField(_("next review"), null=True, blank=True)
    review_reason = models.CharField(
        _("review requested because"),
        max_length=300,
        blank=True,
        editable=False,
        help_text=_("Set when an indicator breaches; cleared by the next review."),
    )
    # The breach behind the request (indicator, period, value, suggested likelihood), worded in the
    # reader's language (review_reason_text): the background sync has no reader to write it for.
    review_reason_values = models.JSONField(_("review request figures"), default=dict, blank=True, editable=False)
    assessed_at = models.DateTimeField(_("last assessed"), null=True, blank=True, editable=False)
    status = models.CharField(_("status"), max_length=8, choices=RiskStatus.choices, default=RiskStatus.OPEN)
    shared_with_vendor = models.BooleanField(
        _("shared with the vendor"),
        default=False,
        help_text=_("The vendor sees this risk, read-only, in its portal, with the actions assigned to it."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = RiskQuerySet.as_manager()

    class Meta:
        verbose_name = _("risk")
        verbose_name_plural = _("risks")
        ordering = ["program__code", "-residual_score", "pk"]
        indexes = [
            models.Index(fields=["program", "status", "next_review_date"]),
            # The home page at scale: the top open risks, the open risks by level, and reviews due.
            models.Index(fields=["-residual_score", "id"], condition=Q(status="open"), name="risk_open_by_score"),
            models.Index(fields=["residual_level"], condition=Q(status="open"), name="risk_open_by_level"),
            models.Index(fields=["next_review_date"], condition=Q(status="open"), name="risk_open_by_review"),
            # The vendor portal: the few risks shared with a vendor, without reading the register.
            models.Index(fields=["vendor", "contract"], condition=Q(shared_with_vendor=True), name="risk_shared"),
        ]
        constraints = [
            models.CheckConstraint(name="risk_inherent_likelihood_1_5", condition=_in_scale("inherent_likelihood")),
            models.CheckConstraint(name="risk_inherent_impact_1_5", condition=_in_scale("inherent_impact")),
            models.CheckConstraint(name="risk_residual_likelihood_1_5", condition=_in_scale("residual_likelihood")),
            models.CheckConstraint(name="risk_residual_impact_1_5", condition=_in_scale("residual_impact")),
            models.CheckConstraint(
                name="risk_shared_needs_vendor",
                condition=Q(shared_with_vendor=False) | Q(vendor__isnull=False) | Q(contract__isnull=False),
                violation_error_message=_("Only a risk tied to a vendor can be shared with it."),
            ),
        ]

    def __str__(self):
        return f"{self.reference} {self.title}"

    def save(self, *args, **kwargs):
        # The scores and levels are derived, never typed: recompute them on every save.
        self.inherent_score = risk_score(self.inherent_likelihood, self.inherent_impact)
        self.inherent_level = risk_level(self.inherent_score)
        self.residual_score = risk_score(self.residual_likelihood, self.residual_impact)
        self.residual_level = risk_level(self.residual_score)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {
                *kwargs["update_fields"],
                "inherent_score",
                "inherent_level",
                "residual_score",
                "residual_level",
            }
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return record_url("risk:risk_detail", self.pk)

    @property
    def reference(self):
        return f"R-{self.pk:04d}" if self.pk else "R-new"

    @property
    def is_assessed(self):
        return self.assessed_at is not None

    @property
    def review_reason_text(self) -> str:
        """Why a review is requested, in the active language; the stored text for an older request."""
        values = self.review_reason_values or {}
        if not values:
            return self.review_reason
        try:
            reason = str(_("%(kri)s breached for %(period)s (%(value)s).") % values)
            if values.get("suggested"):
                reason = f"{reason} " + str(_("Suggested likelihood: %(n)s.") % {"n": values["suggested"]})
        except (KeyError, TypeError):
            return self.review_reason
        return reason

    def clean(self):
        if self.contract_id and self.program_id and self.contract.program_id != self.program_id:
            raise ValidationError({"contract": _("Choose a contract of this risk's program.")})
        if self.contract_id and self.vendor_id and self.contract.vendor_id != self.vendor_id:
            raise ValidationError({"vendor": _("The vendor must be the contract's vendor.")})
        if self.shared_with_vendor and not (self.vendor_id or self.contract_id):
            raise ValidationError({"shared_with_vendor": _("Only a risk tied to a vendor can be shared with it.")})


class RiskReview(models.Model):
    """One assessment of a risk, kept for ever: the risk page charts how its score moved."""

    risk = models.ForeignKey(Risk, verbose_name=_("risk"), on_delete=models.CASCADE, related_name="reviews")
    reviewed_at = models.DateTimeField(_("reviewed"))
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reviewed by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    inherent_likelihood = models.PositiveSmallIntegerField(_("inherent likelihood"), validators=ONE_TO_FIVE)
    inherent_impact = models.PositiveSmallIntegerField(_("inherent impact"), validators=ONE_TO_FIVE)
    inherent_score = models.PositiveSmallIntegerField(_("inherent score"))
    inherent_level = models.CharField(_("inherent level"), max_length=10, choices=Level.choices)
    residual_likelihood = models.PositiveSmallIntegerField(_("residual likelihood"), validators=ONE_TO_FIVE)
    residual_impact = models.PositiveSmallIntegerField(_("residual impact"), validators=ONE_TO_FIVE)
    residual_score = models.PositiveSmallIntegerField(_("residual score"))
    residual_level = models.CharField(_("residual level"), max_length=10, choices=Level.choices)
    notes = models.TextField(_("notes"), blank=True)
    next_review_date = models.DateField(_("next review"), null=True, blank=True)

    objects = ViaRiskQuerySet.as_manager()

    class Meta:
        verbose_name = _("risk review")
        verbose_name_plural = _("risk reviews")
        ordering = ["-reviewed_at", "-pk"]

    def __str__(self):
        return f"{self.risk.reference} · {self.reviewed_at:%Y-%m-%d}"


class KeyRiskIndicator(models.Model):
    """A measured signal for a risk, with a warning and a limit threshold.

    Either entered by hand (readings against the thresholds), or linked to a contract's
    service level: then each BREACH result of the service-level engine becomes a breach
    reading (see `services.kri_sync_service_level_breaches`).
    """

    risk = models.ForeignKey(Risk, verbose_name=_("risk"), on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(_("name"), max_length=200)
    unit = models.CharField(_("unit"), max_length=32, blank=True)
    direction = models.CharField(
        _("direction"), max_length=16, choices=Direction.choices, default=Direction.HIGHER_IS_WORSE
    )
    service_level = models.ForeignKey(
        "contracts.ServiceLevel",
        verbose_name=_("service level"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="risk_indicators",
        help_text=_("Linked: each breach of this service level is a breach of the indicator."),
    )
    warning_threshold = models.DecimalField(_("warning at"), max_digits=14, decimal_places=4, null=True, blank=True)
    limit_threshold = models.DecimalField(
        _("breach at"),
        max_digits=14,
        decimal_places=4,
        null=True,
        blank=True,
        help_text=_("A reading past this value is a breach."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = ViaRiskQuerySet.as_manager()

    class Meta:
        verbose_name = _("key risk indicator")
        verbose_name_plural = _("key risk indicators")
        ordering = ["risk", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return self.risk.get_absolute_url()

    def clean(self):
        if self.service_level_id and self.risk_id:
            if self.service_level.contract.program_id != self.risk.program_id:
                raise ValidationError({"service_level": _("Choose a service level of this risk's program.")})
        if self.warning_threshold is None or self.limit_threshold is None:
            if not self.service_level_id:
                raise ValidationError(
                    {"limit_threshold": _("Give both thresholds, or link the indicator to a service level.")}
                )
            return
        worse = self.limit_threshold >= self.warning_threshold
        if self.direction == Direction.LOWER_IS_WORSE:
            worse = self.limit_threshold <= self.warning_threshold
        if not worse:
            raise ValidationError({"limit_threshold": _("The breach value must be past the warning value.")})

    def status_of(self, value) -> str:
        """'breach', 'warning' or 'ok' for a reading ('ok' when there are no thresholds)."""
        if self.limit_threshold is None or self.warning_threshold is None:
            return "ok"
        if self.direction == Direction.LOWER_IS_WORSE:
            return "breach" if value <= self.limit_threshold else "warning" if value <= self.warning_threshold else "ok"
        return "breach" if value >= self.limit_threshold else "warning" if value >= self.warning_threshold else "ok"


class KriReading(models.Model):
    """The indicator's value for one period (one row per period: entering it again updates it)."""

    indicator = models.ForeignKey(
        KeyRiskIndicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="readings"
    )
    period = models.DateField(_("period"), help_text=_("The day (or first day of the period) the value is for."))
    value = models.DecimalField(_("value"), max_digits=18, decimal_places=4, null=True, blank=True)
    status = models.CharField(_("status"), max_length=8, editable=False)
    source_result = models.ForeignKey(
        "performance.Result",
        verbose_name=_("service-level result"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now=True)
    flagged_at = models.DateTimeField(
        _("risk flagged"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("When this breach flagged the risk (once)."),
    )

    objects = ViaIndicatorQuerySet.as_manager()

    class Meta:
        verbose_name = _("indicator reading")
        verbose_name_plural = _("indicator readings")
        ordering = ["-period"]
        constraints = [models.UniqueConstraint(fields=["indicator", "period"], name="kri_one_reading_per_period")]

    def __str__(self):
        return f"{self.indicator} {self.period}: {self.value}"
