"""The service-level engine's records: periods, results per service level, credits, reopenings.

The rules are DOMAIN.md's "The service-level engine"; performance/engine.py computes them."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from bpo.core.links import record_url
from contracts.choices import Direction, PeriodKind

from .choices import CreditStatus, PeriodStatus, ResultState
from .querysets import CreditQuerySet, PeriodQuerySet, ResultQuerySet

MONEY = {"max_digits": 16, "decimal_places": 2, "default": Decimal("0")}


class Period(models.Model):
    """One measurement period of one contract, in the program's time zone: [start, end)."""

    contract = models.ForeignKey(
        "contracts.Contract", verbose_name=_("contract"), on_delete=models.CASCADE, related_name="periods"
    )
    kind = models.CharField(_("period"), max_length=10, choices=PeriodKind.choices)
    start = models.DateField(_("start"))
    end = models.DateField(_("end (exclusive)"))
    status = models.CharField(
        _("status"), max_length=12, choices=PeriodStatus.choices, default=PeriodStatus.PROVISIONAL
    )
    charges = models.DecimalField(_("charges"), **MONEY)
    at_risk_amount = models.DecimalField(_("at-risk amount"), **MONEY)
    evaluated_at = models.DateTimeField(_("evaluated"), null=True, blank=True)
    finalized_at = models.DateTimeField(_("finalized"), null=True, blank=True)

    objects = PeriodQuerySet.as_manager()

    class Meta:
        verbose_name = _("period")
        verbose_name_plural = _("periods")
        ordering = ["contract", "kind", "start"]
        constraints = [
            models.UniqueConstraint(fields=["contract", "kind", "start"], name="period_once_per_contract"),
            models.CheckConstraint(name="period_end_after_start", condition=models.Q(end__gt=models.F("start"))),
        ]

    def __str__(self):
        return f"{self.contract.number} {self.get_kind_display()} {self.start:%Y-%m-%d}"

    def get_absolute_url(self):
        return record_url("performance:dashboard", self.contract_id) + f"?period={self.pk}"

    @property
    def label(self):
        if self.kind == PeriodKind.MONTHLY:
            return self.start.strftime("%Y-%m")
        if self.kind == PeriodKind.QUARTERLY:
            return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"
        return f"{self.start.isocalendar()[0]}-W{self.start.isocalendar()[1]:02d}"


class PeriodReopening(models.Model):
    """A program manager reopened a finalized period: who, when and why."""

    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="reopenings")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(_("reason"))
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.period} reopened by {self.by}"


class Result(models.Model):
    """The measured value and state of one service level in one period (levels copied as evaluated)."""

    period = models.ForeignKey(Period, verbose_name=_("period"), on_delete=models.CASCADE, related_name="results")
    service_level = models.ForeignKey(
        "contracts.ServiceLevel", verbose_name=_("service level"), on_delete=models.CASCADE, related_name="results"
    )
    value = models.DecimalField(_("value"), max_digits=18, decimal_places=4, null=True, blank=True)
    sample_count = models.PositiveIntegerField(_("samples"), default=0)
    excluded_count = models.PositiveIntegerField(_("excluded samples"), default=0)
    state = models.CharField(_("state"), max_length=12, choices=ResultState.choices)
    expected = models.DecimalField(_("expected level"), max_digits=18, decimal_places=4)
    minimum = models.DecimalField(_("minimum level"), max_digits=18, decimal_places=4)
    direction = models.CharField(_("direction"), max_length=8, choices=Direction.choices)
    computed_at = models.DateTimeField(_("computed"))

    objects = ResultQuerySet.as_manager()

    class Meta:
        verbose_name = _("service-level result")
        verbose_name_plural = _("service-level results")
        ordering = ["period", "service_level"]
        constraints = [models.UniqueConstraint(fields=["period", "service_level"], name="result_once_per_period")]

    def __str__(self):
        return f"{self.service_level.code} {self.period.label}: {self.get_state_display()}"


class Credit(models.Model):
    """The service credit a BREACH of an SLA earned in one period (after the cap)."""

    period = models.ForeignKey(Period, verbose_name=_("period"), on_delete=models.CASCADE, related_name="credits")
    service_level = models.ForeignKey(
        "contracts.ServiceLevel", verbose_name=_("service level"), on_delete=models.CASCADE, related_name="credits"
    )
    allocation_pct = models.DecimalField(_("allocation (%)"), max_digits=6, decimal_places=2)
    uncapped_amount = models.DecimalField(_("before the cap"), **MONEY)
    amount = models.DecimalField(_("amount"), **MONEY)
    earn_back_periods = models.PositiveSmallIntegerField(_("earn-back periods"), default=0)
    status = models.CharField(
        _("status"), max_length=12, choices=CreditStatus.choices, default=CreditStatus.PROVISIONAL
    )
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)

    objects = CreditQuerySet.as_manager()

    class Meta:
        verbose_name = _("service credit")
        verbose_name_plural = _("service credits")
        ordering = ["-period__start", "service_level__code"]
        constraints = [models.UniqueConstraint(fields=["period", "service_level"], name="credit_once_per_period")]

    def __str__(self):
        return f"{self.service_level.code} {self.period.label}: {self.amount}"

    def get_absolute_url(self):
        return self.period.get_absolute_url()


from .improvement.models import *  # noqa: E402, F401, F403 (improvement initiatives and lessons learned)
from .quality.models import *  # noqa: E402, F401, F403 (quality standards, audits and reviews, in their own module)
from .scorecards.models import *  # noqa: E402, F401, F403 (scorecard models, in their own module)
