"""Status reports per program and month: RAG for schedule, cost, quality and risk, derived
from the data (delivery/status_report.py); once submitted, the figures and narrative are frozen."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from bpo.core.links import record_url

from ..choices_plan import Rag, ReportStatus
from ..querysets_plan import StatusReportQuerySet


def _rag(label):
    return models.CharField(label, max_length=6, choices=Rag.choices, default=Rag.NOT_RATED)


class StatusReport(models.Model):
    """A program's (or, by its vendor, a contract's) status for one month."""

    program = models.ForeignKey(
        "strategy.Program", verbose_name=_("program"), on_delete=models.CASCADE, related_name="status_reports"
    )
    contract = models.ForeignKey(
        "contracts.Contract",
        verbose_name=_("contract"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="status_reports",
    )
    by_vendor = models.BooleanField(_("vendor's report"), default=False)
    period = models.DateField(_("period"), help_text=_("The first day of the month reported on."))
    status = models.CharField(_("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    narrative = models.TextField(_("narrative"), blank=True)
    # Figures: recomputed while a draft is saved, frozen on submit.
    figures = models.JSONField(_("figures"), default=dict, blank=True)
    schedule_rag = _rag(_("schedule"))
    cost_rag = _rag(_("cost"))
    quality_rag = _rag(_("quality"))
    risk_rag = _rag(_("risk"))
    overall_rag = _rag(_("overall"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    figures_at = models.DateTimeField(_("figures as of"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)

    objects = StatusReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("status report")
        verbose_name_plural = _("status reports")
        ordering = ["-period", "program", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["program", "period"],
                condition=models.Q(by_vendor=False),
                name="status_report_once_per_program_period",
            ),
            models.UniqueConstraint(
                fields=["contract", "period"],
                condition=models.Q(by_vendor=True),
                name="status_report_once_per_contract_period",
            ),
        ]

    def __str__(self):
        scope = self.contract.number if self.by_vendor and self.contract_id else self.program.code
        return f"{scope} {self.period:%Y-%m}"

    def get_absolute_url(self):
        return record_url("delivery:status_report_detail", self.pk)
