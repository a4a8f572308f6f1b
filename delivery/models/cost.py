"""Cost: invoices submitted by vendors (lines priced from the rate card, credits deducted on
approval) and manual cost entries; together they are the actuals against the budget."""

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bpo.core.links import record_url
from strategy.choices import BudgetCategory

from ..choices import INVOICE_COUNTED, InvoiceLineKind, InvoiceStatus
from ..querysets import CostEntryQuerySet, InvoiceQuerySet

MONEY = {"max_digits": 16, "decimal_places": 2, "default": Decimal("0")}


def invoice_month_not_started(period: date, contract, today: date | None = None) -> str | None:
    """Why an invoice may not be for `period`: its month has not started yet (its first day is after
    today in the program's time zone). The month under way may be invoiced. None when it may."""
    from performance.services import local_today

    today = today or local_today(contract)
    if period.replace(day=1) <= today:
        return None
    return _(
        "The month %(month)s has not started yet. A month can be invoiced from its first day; "
        "the latest month you can invoice today is %(current)s."
    ) % {
        "month": f"{period:%Y-%m}",
        "current": f"{today:%Y-%m}",
    }


def cost_month_refused(period: date, program, today: date | None = None) -> str | None:
    """Why a cost entry may not be for `period`: the month has not started yet (in the program's
    time zone, as for invoices: the month under way may be recorded), or it lies outside the
    program's term, where no budget line counts it. None when it may."""
    from zoneinfo import ZoneInfo

    from django.utils import timezone

    month = period.replace(day=1)
    today = today or timezone.now().astimezone(ZoneInfo(program.time_zone or "UTC")).date()
    if month > today:
        return _(
            "The month %(month)s has not started yet. A cost can be recorded from the first day of its "
            "month; the latest month you can record today is %(current)s."
        ) % {"month": f"{month:%Y-%m}", "current": f"{today:%Y-%m}"}
    start, end = program.start_date, program.end_date
    if (start and month < start.replace(day=1)) or (end and month > end.replace(day=1)):
        return _("The month %(month)s is outside the program's term (%(start)s to %(end)s).") % {
            "month": f"{month:%Y-%m}",
            "start": f"{start:%Y-%m}" if start else "…",
            "end": f"{end:%Y-%m}" if end else "…",
        }
    return None


class Invoice(models.Model):
    """A vendor's invoice for one month of one contract. The amounts are computed by the
    service from the lines and the deductions, never typed."""

    contract = models.ForeignKey(
        "contracts.Contract", verbose_name=_("contract"), on_delete=models.PROTECT, related_name="invoices"
    )
    number = models.CharField(_("invoice number"), max_length=60)
    period = models.DateField(_("period"), help_text=_("The first day of the month invoiced."))
    status = models.CharField(
        _("status"), max_length=12, choices=InvoiceStatus.choices, default=InvoiceStatus.SUBMITTED
    )
    gross_amount = models.DecimalField(_("charges"), **MONEY)
    deduction_amount = models.DecimalField(_("credits deducted"), **MONEY)
    net_amount = models.DecimalField(_("net amount"), **MONEY)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("submitted by"), on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    validated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    validated_at = models.DateTimeField(_("validated"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    dispute_reason = models.TextField(_("dispute reason"), blank=True)
    # Set by the service when the invoice carries the contract's monthly fee: the constraint below
    # allows one such invoice per contract and month among those not disputed. (Invoices sent twice
    # with the fee before the rule keep the flag on the first only, an approved one first.)
    has_monthly_fee = models.BooleanField(_("monthly fee included"), default=False)

    objects = InvoiceQuerySet.as_manager()

    class Meta:
        verbose_name = _("invoice")
        verbose_name_plural = _("invoices")
        ordering = ["-period", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["contract", "number"], name="invoice_number_unique_per_contract"),
            models.CheckConstraint(name="invoice_gross_not_negative", condition=Q(gross_amount__gte=0)),
            models.UniqueConstraint(
                fields=["contract", "period"],
                condition=Q(has_monthly_fee=True, status__in=INVOICE_COUNTED),
                name="invoice_monthly_fee_once_per_month",
                violation_error_message=_("This contract's monthly fee for this month is already on another invoice."),
            ),
        ]
        # The list page and the API read the newest first: the index serves that order (no sort).
        indexes = [
            models.Index(fields=["-period", "-id"], name="invoice_list_order"),
            # Finance's queues by status, and the budget burn summed per contract without the table.
            models.Index(fields=["status"], name="invoice_by_status"),
            models.Index(
                fields=["contract", "status"],
                include=["net_amount", "gross_amount"],
                name="invoice_amounts_by_contract",
            ),
        ]

    def __str__(self):
        return f"{self.number} ({self.period:%Y-%m})"

    def get_absolute_url(self):
        return record_url("delivery:invoice_detail", self.pk)

    def clean(self):
        super().clean()
        if self.period and self.contract_id and (error := invoice_month_not_started(self.period, self.contract)):
            raise ValidationError({"period": error})


class InvoiceLine(models.Model):
    """One rate-card item x quantity, or the contract's monthly fee (no rate-card line). The kind is
    stored, not a label: `label` reads in the reader's language ("Monthly fee" / "月费"); a rate
    card line keeps the item's text as priced (item / unit), which is the contract's own wording."""

    invoice = models.ForeignKey(Invoice, verbose_name=_("invoice"), on_delete=models.CASCADE, related_name="lines")
    kind = models.CharField(
        _("kind"), max_length=12, choices=InvoiceLineKind.choices, default=InvoiceLineKind.RATE_CARD
    )
    rate_card_line = models.ForeignKey(
        "contracts.RateCardLine", verbose_name=_("rate card item"), null=True, blank=True, on_delete=models.PROTECT
    )
    description = models.CharField(
        _("description"),
        max_length=250,
        blank=True,
        help_text=_("The rate card item as priced; blank for the monthly fee."),
    )
    quantity = models.DecimalField(_("quantity"), max_digits=14, decimal_places=4, validators=[MinValueValidator(0)])
    rate = models.DecimalField(_("rate"), max_digits=14, decimal_places=4)
    amount = models.DecimalField(_("amount"), **MONEY)

    class Meta:
        verbose_name = _("invoice line")
        verbose_name_plural = _("invoice lines")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                name="invoice_line_monthly_fee_has_no_rate",
                condition=~Q(kind=InvoiceLineKind.MONTHLY_FEE) | Q(rate_card_line__isnull=True),
            )
        ]

    def __str__(self):
        return f"{self.label}: {self.amount}"

    @property
    def label(self) -> str:
        """The line's item in the active language: the monthly fee translated, a rate card item as priced."""
        if self.kind == InvoiceLineKind.MONTHLY_FEE:
            return str(InvoiceLineKind.MONTHLY_FEE.label)
        return self.description


class CreditDeduction(models.Model):
    """An applied service credit deducted on an approved invoice. One row per credit, ever."""

    invoice = models.ForeignKey(Invoice, verbose_name=_("invoice"), on_delete=models.CASCADE, related_name="deductions")
    credit = models.OneToOneField(
        "performance.Credit", verbose_name=_("service credit"), on_delete=models.PROTECT, related_name="deduction"
    )
    amount = models.DecimalField(_("amount"), **MONEY)

    class Meta:
        verbose_name = _("credit deduction")
        verbose_name_plural = _("credit deductions")
        ordering = ["pk"]

    def __str__(self):
        return f"{self.credit} -> {self.invoice}"


class CostEntry(models.Model):
    """A cost that does not come by invoice (staff, licences, training), entered by a program manager."""

    program = models.ForeignKey(
        "strategy.Program", verbose_name=_("program"), on_delete=models.CASCADE, related_name="cost_entries"
    )
    category = models.CharField(_("category"), max_length=20, choices=BudgetCategory.choices)
    period = models.DateField(_("period"), help_text=_("The first day of the month the cost belongs to."))
    amount = models.DecimalField(_("amount"), max_digits=16, decimal_places=2, validators=[MinValueValidator(0)])
    description = models.CharField(_("description"), max_length=250)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("entered by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("entered"), auto_now_add=True)

    objects = CostEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("cost entry")
        verbose_name_plural = _("cost entries")
        ordering = ["-period", "-pk"]
        constraints = [models.CheckConstraint(name="cost_entry_not_negative", condition=Q(amount__gte=0))]

    def __str__(self):
        return f"{self.description} ({self.period:%Y-%m}): {self.amount}"

    def clean(self):
        super().clean()
        if self.period and self.program_id and (error := cost_month_refused(self.period, self.program)):
            raise ValidationError({"period": error})
