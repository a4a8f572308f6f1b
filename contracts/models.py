"""Contracts (MSA and SOWs), their reviews, service levels, obligations, commercial terms,
change requests with versioned amendments, and disputes."""

from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bpo.core.currencies import CURRENCY_CHOICES
from bpo.core.dates import check_date_range
from bpo.core.i18n import interpolate
from bpo.core.links import record_url

from .choices import (
    TAKES_CHANGES,
    ChangeStatus,
    ContractStatus,
    ContractType,
    Direction,
    DisputeLevel,
    DisputeStatus,
    Measure,
    ObligationCategory,
    ObligationStatus,
    Party,
    PeriodKind,
    Recurrence,
    RenewalKind,
    ReviewKind,
    ReviewOutcome,
    ServiceLevelKind,
    VersionReason,
)
from .querysets import ContractChildQuerySet, ContractQuerySet

PCT = [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))]
# Upper bounds of the small day and period counts: beyond them the engine's date arithmetic
# overflows (a grace period of 99999999999 days stopped the scheduled evaluation).
MAX_GRACE_DAYS = 90
MAX_NOTICE_DAYS = 730
MAX_EARN_BACK_PERIODS = 24
MAX_SCHEDULE_IMPACT_DAYS = 3650
MONEY = {"max_digits": 16, "decimal_places": 2, "default": Decimal("0"), "validators": [MinValueValidator(0)]}


class Contract(models.Model):
    """One contract between the program and a vendor. Its terms are versioned: signing records
    version 1, and each approved change request records the next version (an amendment)."""

    program = models.ForeignKey(
        "strategy.Program", verbose_name=_("program"), on_delete=models.PROTECT, related_name="contracts"
    )
    vendor = models.ForeignKey(
        "vendors.Vendor", verbose_name=_("vendor"), on_delete=models.PROTECT, related_name="contracts"
    )
    number = models.CharField(
        _("number"),
        max_length=40,
        unique=True,
        validators=[RegexValidator(r"^[A-Za-z0-9][A-Za-z0-9/._-]*$", _("Use letters, digits and - / . _"))],
    )
    title = models.CharField(_("title"), max_length=200)
    contract_type = models.CharField(_("type"), max_length=8, choices=ContractType.choices, default=ContractType.MSA)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("master agreement"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        limit_choices_to={"contract_type": ContractType.MSA},
        help_text=_("The MSA a statement of work belongs to."),
    )
    status = models.CharField(_("status"), max_length=20, choices=ContractStatus.choices, default=ContractStatus.DRAFT)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    signed_date = models.DateField(_("signed on"), null=True, blank=True)
    auto_renewal = models.BooleanField(_("auto-renewal"), default=False)
    renewal_term_months = models.PositiveSmallIntegerField(
        _("renewal term (months)"),
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text=_("With auto-renewal, the months each renewal adds to the end date."),
    )
    # Renewals of either kind (the end-of-term job's and a manager's); the last one's day, kind and user.
    renewal_count = models.PositiveSmallIntegerField(_("renewals"), default=0, editable=False)
    last_renewed_on = models.DateField(_("last renewed on"), null=True, blank=True, editable=False)
    # Empty only for a renewal recorded before the kind was (and no version tells it).
    last_renewal_kind = models.CharField(
        _("last renewal"), max_length=10, choices=RenewalKind.choices, blank=True, editable=False
    )
    last_renewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last renewed by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="+",
    )
    expired_on = models.DateField(_("expired on"), null=True, blank=True, editable=False)
    # The day it was terminated, in its program's time zone, and by whom. Empty on a contract
    # terminated before the day was recorded when no audit entry told it (the pages say "Terminated").
    terminated_on = models.DateField(_("terminated on"), null=True, blank=True, editable=False)
    terminated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("terminated by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="+",
    )
    notice_period_days = models.PositiveIntegerField(
        _("notice period (days)"),
        default=90,
        validators=[MaxValueValidator(MAX_NOTICE_DAYS)],
        help_text=_("Days before the end date by which notice must be given."),
    )
    # ISO 4217 (bpo/core/currencies.py); the forms leave it empty for the program's currency.
    currency = models.CharField(_("currency"), max_length=3, choices=CURRENCY_CHOICES)
    value = models.DecimalField(_("total value"), **MONEY)
    monthly_fee = models.DecimalField(_("monthly fee"), **MONEY)
    at_risk_pct = models.DecimalField(
        _("at-risk (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("0"),
        validators=PCT,
        help_text=_("Share of the period's charges that service credits may take."),
    )
    credit_pool_limit_pct = models.DecimalField(
        _("credit pool limit (%)"),
        max_digits=6,
        decimal_places=2,
        default=Decimal("250"),
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("The allocations of the contract's SLAs may not sum above this."),
    )
    grace_days = models.PositiveSmallIntegerField(
        _("grace period (days)"),
        default=5,
        validators=[MaxValueValidator(MAX_GRACE_DAYS)],
        help_text=_("Days after a period ends before its results are final."),
    )
    payment_terms = models.TextField(_("payment terms"), blank=True)
    penalty_clauses = models.TextField(_("penalty clauses"), blank=True)
    internal_notes = models.TextField(_("internal notes"), blank=True, help_text=_("Never shown to the vendor."))
    terms_version = models.PositiveIntegerField(_("terms version"), default=0)
    review_round = models.PositiveIntegerField(_("review round"), default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ContractQuerySet.as_manager()

    class Meta:
        verbose_name = _("contract")
        verbose_name_plural = _("contracts")
        ordering = ["number"]
        constraints = [
            models.CheckConstraint(
                name="contract_dates_in_order",
                condition=Q(end_date__gte=F("start_date")),
                violation_error_message=_("The end date cannot be before the start date."),
            ),
            models.CheckConstraint(
                name="contract_at_risk_pct_range",
                condition=Q(at_risk_pct__gte=0) & Q(at_risk_pct__lte=100),
                violation_error_message=_("The at-risk percentage must be between 0 and 100."),
            ),
            # Only a terminated contract has a termination day or user.
            models.CheckConstraint(
                name="contract_terminated_on_only_terminated",
                condition=Q(status=ContractStatus.TERMINATED)
                | (Q(terminated_on__isnull=True) & Q(terminated_by__isnull=True)),
                violation_error_message=_("Only a terminated contract has a termination date."),
            ),
            # A renewal with a user is a manual one; the end-of-term job renews without a user.
            models.CheckConstraint(
                name="contract_renewed_by_only_manual",
                condition=Q(last_renewed_by__isnull=True) | Q(last_renewal_kind=RenewalKind.MANUAL),
                violation_error_message=_("Only a manual renewal names the user who renewed."),
            ),
        ]

    def __str__(self):
        return f"{self.number} {self.title}"

    def get_absolute_url(self):
        return record_url("contracts:contract_detail", self.pk)

    def clean(self):
        check_date_range(start_date=self.start_date, end_date=self.end_date)
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date cannot be before the start date.")})
        # Notice is given before the end date: 700 days on a one-year contract put the notice
        # deadline (and its reminders) before the contract had started. Above MAX_NOTICE_DAYS the
        # field's own validator answers (and the deadline could not be computed).
        notice = self.notice_period_days
        if self.start_date and self.end_date and notice is not None and notice <= MAX_NOTICE_DAYS:
            if self.end_date - timedelta(days=notice) < self.start_date:
                raise ValidationError(
                    {
                        "notice_period_days": interpolate(
                            _(
                                "A notice period of %(notice)s days puts the notice deadline (%(deadline)s) "
                                "before the contract starts (%(start)s): enter at most %(most)s days."
                            ),
                            {
                                "notice": notice,
                                "deadline": (self.end_date - timedelta(days=notice)).isoformat(),
                                "start": self.start_date.isoformat(),
                                "most": (self.end_date - self.start_date).days,
                            },
                        )
                    }
                )
        if self.contract_type == ContractType.MSA and self.parent_id:
            raise ValidationError({"parent": _("A master agreement has no parent.")})
        if self.contract_type == ContractType.SOW and self.pk and self.children.exists():
            raise ValidationError({"contract_type": _("Statements of work sit under this MSA: it stays an MSA.")})
        if self.contract_type == ContractType.SOW and not self.parent_id:
            raise ValidationError({"parent": _("A statement of work sits under its MSA: choose the master agreement.")})
        if self.parent_id and self.parent.contract_type != ContractType.MSA:
            raise ValidationError({"parent": _("The parent must be a master agreement (MSA).")})
        if self.parent_id and (self.parent.program_id != self.program_id or self.parent.vendor_id != self.vendor_id):
            raise ValidationError(
                {"parent": _("A statement of work belongs to an MSA of the same program and vendor.")}
            )

    @property
    def outside_program_budget(self) -> bool:
        """Paid in a currency other than its program's: there are no exchange rates, so its invoices
        are not counted against the program's budget (delivery.budget). Allowed, and said on its page."""
        return bool(self.program_id and self.currency and self.currency != self.program.currency)

    @property
    def takes_change_requests(self) -> bool:
        """In force (signed or active): the only state in which a change request may be raised
        (contracts.services.change_request_create refuses it otherwise; the pages hide the button)."""
        return self.status in TAKES_CHANGES

    @property
    def notice_deadline(self):
        """The last day on which notice (of non-renewal or termination) can be given."""
        return self.end_date - timedelta(days=self.notice_period_days)

    @property
    def ended(self) -> bool:
        """Terminated or expired: it has no notice deadline to meet any more (the pages hide it;
        the reminders and the end-of-term job act only on signed and active contracts)."""
        return self.status in (ContractStatus.TERMINATED, ContractStatus.EXPIRED)

    @property
    def renewed_manually(self) -> bool:
        """The last renewal was a manager's (False for the end-of-term job's, or when unknown)."""
        return self.last_renewal_kind == RenewalKind.MANUAL

    def sla_allocation_total(self, exclude_pk=None) -> Decimal:
        qs = self.service_levels.filter(kind=ServiceLevelKind.SLA, active=True)
        if exclude_pk:
            qs = qs.exclude(pk=exclude_pk)
        return qs.aggregate(t=models.Sum("allocation_pct"))["t"] or Decimal("0")


class ContractReview(models.Model):
    """A recorded decision of the legal reviewer or of finance, in one review round."""

    contract = models.ForeignKey(Contract, verbose_name=_("contract"), on_delete=models.CASCADE, related_name="reviews")
    kind = models.CharField(_("review"), max_length=12, choices=ReviewKind.choices)
    outcome = models.CharField(_("decision"), max_length=12, choices=ReviewOutcome.choices)
    comments = models.TextField(_("comments"), blank=True)
    round = models.PositiveIntegerField(_("round"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("decided by"), on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), auto_now_add=True)

    objects = ContractChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("contract review")
        verbose_name_plural = _("contract reviews")
        ordering = ["-decided_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["contract", "round", "kind"], name="contract_review_once_per_round"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.get_outcome_display()}"


class ServiceLevel(models.Model):
    """A measured commitment. `sla` carries credits, `kpi` is tracked only (see DOMAIN.md)."""

    contract = models.ForeignKey(
        Contract, verbose_name=_("contract"), on_delete=models.CASCADE, related_name="service_levels"
    )
    code = models.CharField(
        _("code"),
        max_length=30,
        validators=[RegexValidator(r"^[A-Za-z0-9][A-Za-z0-9._-]*$", _("Use letters, digits and - . _"))],
        help_text=_("Short key used in measurement files, for example ASA20."),
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=4, choices=ServiceLevelKind.choices, default=ServiceLevelKind.SLA)
    measure = models.CharField(_("measure"), max_length=16, choices=Measure.choices)
    threshold = models.DecimalField(
        _("per-sample threshold"),
        max_digits=18,
        decimal_places=4,
        null=True,
        blank=True,
        help_text=_("For 'percent within': a sample counts when its value is at most this."),
    )
    percentile = models.DecimalField(
        _("percentile"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=PCT,
        help_text=_("For 'percentile': p, for example 90."),
    )
    direction = models.CharField(_("direction"), max_length=8, choices=Direction.choices, default=Direction.HIGHER)
    expected = models.DecimalField(_("expected level"), max_digits=18, decimal_places=4)
    minimum = models.DecimalField(_("minimum level"), max_digits=18, decimal_places=4)
    unit = models.CharField(_("unit"), max_length=20, blank=True)
    period = models.CharField(_("period"), max_length=10, choices=PeriodKind.choices, default=PeriodKind.MONTHLY)
    allocation_pct = models.DecimalField(
        _("allocation (%)"),
        max_digits=6,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("Share of the at-risk amount credited on a breach."),
    )
    earn_back_periods = models.PositiveSmallIntegerField(
        _("earn-back periods"),
        default=0,
        validators=[MaxValueValidator(MAX_EARN_BACK_PERIODS)],
        help_text=_("Met in all of the next N periods: the credit is earned back."),
    )
    min_samples = models.PositiveIntegerField(_("minimum samples"), default=1)
    active = models.BooleanField(_("active"), default=True)

    objects = ContractChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("service level")
        verbose_name_plural = _("service levels")
        ordering = ["contract", "code"]
        constraints = [
            models.UniqueConstraint(fields=["contract", "code"], name="service_level_code_unique"),
            # Higher is better: expected >= minimum; lower is better: expected <= minimum.
            models.CheckConstraint(
                name="service_level_levels_ordered",
                condition=(Q(direction="higher", expected__gte=F("minimum")))
                | (Q(direction="lower", expected__lte=F("minimum"))),
                violation_error_message=_("The expected level must be at least as good as the minimum level."),
            ),
        ]

    def __str__(self):
        return f"{self.code} · {self.name}"

    def get_absolute_url(self):
        return record_url("contracts:contract_detail", self.contract_id) + f"#sl-{self.pk}"

    def clean(self):
        errors = {}
        if self.measure == Measure.PERCENT_WITHIN and self.threshold is None:
            errors["threshold"] = _("A 'percent within' measure needs its per-sample threshold.")
        if self.measure == Measure.PERCENTILE and self.percentile is None:
            errors["percentile"] = _("A percentile measure needs p.")
        if self.expected is not None and self.minimum is not None:
            if self.direction == Direction.HIGHER and self.expected < self.minimum:
                errors["minimum"] = _("Higher is better: the minimum level cannot be above the expected level.")
            if self.direction == Direction.LOWER and self.expected > self.minimum:
                errors["minimum"] = _("Lower is better: the minimum level cannot be below the expected level.")
        if self.kind == ServiceLevelKind.KPI and self.allocation_pct:
            errors["allocation_pct"] = _("A KPI carries no credit: leave its allocation at 0.")
        if errors:
            raise ValidationError(errors)


class Obligation(models.Model):
    """Something one party must do or may claim: a right, deliverable, report or compliance duty."""

    contract = models.ForeignKey(
        Contract, verbose_name=_("contract"), on_delete=models.CASCADE, related_name="obligations"
    )
    party = models.CharField(_("party"), max_length=8, choices=Party.choices)
    category = models.CharField(_("category"), max_length=12, choices=ObligationCategory.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    due_date = models.DateField(_("next due date"))
    recurrence = models.CharField(_("recurrence"), max_length=10, choices=Recurrence.choices, default=Recurrence.NONE)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contract_obligations",
    )
    evidence = models.TextField(_("evidence"), blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=ObligationStatus.choices, default=ObligationStatus.OPEN
    )

    objects = ContractChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("obligation")
        verbose_name_plural = _("obligations")
        ordering = ["due_date", "pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return record_url("contracts:contract_detail", self.contract_id) + "#obligations"

    def clean(self):
        # 2000-2099, not the contract's term: a deliverable (an insurance certificate, the transition
        # plan) may fall due before the contract starts. 1950 or 9999 was saved and read as overdue
        # for ever or never.
        check_date_range(due_date=self.due_date)


class RateCardLine(models.Model):
    """One priced item of the rate card (a role, a transaction, an hour)."""

    contract = models.ForeignKey(Contract, verbose_name=_("contract"), on_delete=models.CASCADE, related_name="rates")
    item = models.CharField(_("item"), max_length=200)
    unit = models.CharField(_("unit"), max_length=40)
    rate = models.DecimalField(_("rate"), max_digits=14, decimal_places=4, validators=[MinValueValidator(0)])

    objects = ContractChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("rate card line")
        verbose_name_plural = _("rate card")
        ordering = ["item"]
        constraints = [
            # Once per contract whatever the case: "Agent hour" / "hour" and "agent hour" / "HOUR" are
            # one line, else the card lists one item at two rates.
            models.UniqueConstraint(
                "contract",
                Lower("item"),
                Lower("unit"),
                name="rate_card_item_unique",
                violation_error_message=_("A line with this item and unit already exists on the rate card."),
            )
        ]

    def __str__(self):
        return f"{self.item} / {self.unit}"


class ContractVersion(models.Model):
    """A frozen copy of the contract's terms: version 1 at signature, then one per amendment and
    one per automatic renewal (recorded by the system, so without a user)."""

    contract = models.ForeignKey(
        Contract, verbose_name=_("contract"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    terms = models.JSONField(_("terms"))
    change_request = models.ForeignKey(
        "ChangeRequest", verbose_name=_("change request"), null=True, blank=True, on_delete=models.PROTECT
    )
    reason = models.CharField(_("reason"), max_length=10, choices=VersionReason.choices)
    # Empty only for a version the system recorded (an automatic renewal): a renewal with a user is
    # a manager's manual renewal (renewal_kind). Both services have always recorded them so.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # The day from which these terms are in force (version 1: the contract's start date; an amendment:
    # its change request's effective date; a renewal: the day it was recorded). The service-level
    # engine and invoicing read the terms of a day from here (contracts.terms_in_force).
    effective_from = models.DateField(_("in force from"))
    # When the terms were written to the contract; empty while a future-dated amendment waits for its
    # day (the daily job contracts.services.amendments_apply_due applies it).
    applied_at = models.DateTimeField(_("applied"), null=True, blank=True, default=timezone.now)

    objects = ContractChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("contract version")
        verbose_name_plural = _("contract versions")
        ordering = ["contract", "number"]
        constraints = [
            models.UniqueConstraint(fields=["contract", "number"], name="contract_version_unique"),
            # Every version says why it exists (the field has no default).
            models.CheckConstraint(condition=Q(reason__in=VersionReason.values), name="contract_version_reason_known"),
            # An amendment, and only an amendment, comes from a change request.
            models.CheckConstraint(
                condition=Q(reason=VersionReason.AMENDMENT, change_request__isnull=False)
                | (~Q(reason=VersionReason.AMENDMENT) & Q(change_request__isnull=True)),
                name="contract_version_change_request_iff_amendment",
            ),
            # Signature and amendment are someone's act; only a renewal is the system's.
            models.CheckConstraint(
                condition=Q(reason=VersionReason.RENEWAL) | Q(created_by__isnull=False),
                name="contract_version_user_unless_renewal",
            ),
            # Only an amendment waits for its day, and a contract has at most one waiting.
            models.CheckConstraint(
                condition=Q(applied_at__isnull=False) | Q(reason=VersionReason.AMENDMENT),
                name="contract_version_pending_only_amendment",
            ),
            models.UniqueConstraint(
                fields=["contract"], condition=Q(applied_at__isnull=True), name="contract_version_one_pending"
            ),
        ]

    def __str__(self):
        return f"{self.contract.number} v{self.number}"

    def save(self, *args, **kwargs):
        if self.effective_from is None:  # recorded without a day: version 1 from the start, others from today
            from bpo.core.zones import today_in

            contract = self.contract
            self.effective_from = contract.start_date if self.number == 1 else today_in(contract.program.time_zone)
        super().save(*args, **kwargs)

    @property
    def pending(self) -> bool:
        """A future-dated amendment whose terms are not yet the contract's (and may still become them)."""
        return self.applied_at is None and not self.lapsed

    @property
    def lapsed(self) -> bool:
        """An amendment still waiting when its contract was terminated or expired: it never takes effect."""
        return self.applied_at is None and not self.contract.takes_change_requests

    @property
    def renewal_kind(self) -> str:
        """How a renewal version came about: without a user, the end-of-term job's (automatic);
        with one, that manager's (manual). Empty for a signature or an amendment. Read from
        `created_by_id`, so a list of versions needs no query for it; the two services that
        record renewals (contracts_close_or_renew, contract_set_status) have always set it so."""
        if self.reason != VersionReason.RENEWAL:
            return ""
        return RenewalKind.MANUAL if self.created_by_id else RenewalKind.AUTOMATIC

    def get_kind_display(self) -> str:
        """Why the version exists, a renewal said automatic or manual ("Manual renewal")."""
        kind = self.renewal_kind
        return RenewalKind(kind).label if kind else self.get_reason_display()


class ChangeRequest(models.Model):
    """A proposed change to the terms, raised by staff or the vendor; approved, it becomes an amendment."""

    contract = models.ForeignKey(
        Contract, verbose_name=_("contract"), on_delete=models.CASCADE, related_name="change_requests"
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"))
    # The proposed new values of contract terms, e.g. {"monthly_fee": "110000.00"}.
    proposed_terms = models.JSONField(_("proposed terms"), default=dict, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=ChangeStatus.choices, default=ChangeStatus.SUBMITTED)
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("raised by"), on_delete=models.PROTECT, related_name="+"
    )
    raised_at = models.DateTimeField(_("raised"), auto_now_add=True)
    cost_impact = models.DecimalField(_("cost impact"), max_digits=16, decimal_places=2, null=True, blank=True)
    schedule_impact_days = models.IntegerField(
        _("schedule impact (days)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(-MAX_SCHEDULE_IMPACT_DAYS), MaxValueValidator(MAX_SCHEDULE_IMPACT_DAYS)],
    )
    scope_impact = models.TextField(_("scope impact"), blank=True)
    # From when the amended terms apply: proposed when raised (optional), settable at assessment,
    # required at approval (the decision day in the program's time zone when left empty).
    effective_date = models.DateField(
        _("effective date"),
        null=True,
        blank=True,
        help_text=_(
            "The day the amended terms take effect: not before the contract's start or the first day of the "
            "current month. Empty: the day the change is approved."
        ),
    )
    decision_comments = models.TextField(_("decision comments"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    objects = ContractChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("change request")
        verbose_name_plural = _("change requests")
        ordering = ["-raised_at", "-pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return record_url("contracts:change_detail", self.pk)


class Dispute(models.Model):
    """A disagreement worked up the escalation levels, each with its own deadline, until resolved."""

    contract = models.ForeignKey(
        Contract, verbose_name=_("contract"), on_delete=models.CASCADE, related_name="disputes"
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"))
    level = models.PositiveSmallIntegerField(_("level"), choices=DisputeLevel.choices, default=DisputeLevel.OPERATIONAL)
    level_deadline = models.DateField(_("deadline at this level"))
    status = models.CharField(_("status"), max_length=10, choices=DisputeStatus.choices, default=DisputeStatus.OPEN)
    resolution = models.TextField(_("resolution"), blank=True)
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    raised_at = models.DateTimeField(_("raised"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)

    objects = ContractChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("dispute")
        verbose_name_plural = _("disputes")
        ordering = ["-raised_at", "-pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return record_url("contracts:dispute_detail", self.pk)


class DisputeEscalation(models.Model):
    """One move of a dispute to the next level: by a person, or automatically when a deadline passed."""

    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="escalations")
    from_level = models.PositiveSmallIntegerField(_("from"), choices=DisputeLevel.choices)
    to_level = models.PositiveSmallIntegerField(_("to"), choices=DisputeLevel.choices)
    automatic = models.BooleanField(_("automatic"), default=False)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("at"), auto_now_add=True)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        ordering = ["at", "pk"]
        constraints = [
            # Escalation is one step up at a time, so a job running twice cannot skip a level.
            models.UniqueConstraint(fields=["dispute", "to_level"], name="dispute_escalation_once_per_level"),
        ]

    def __str__(self):
        return f"{self.get_from_level_display()} -> {self.get_to_level_display()}"


def _document_path(instance, filename):
    return f"contracts/{instance.document.contract_id}/{instance.document_id}/v{instance.number}-{filename}"


class ContractDocument(models.Model):
    """A document of the contract (the signed PDF, a schedule, an annex), kept with all its versions."""

    contract = models.ForeignKey(
        Contract, verbose_name=_("contract"), on_delete=models.CASCADE, related_name="documents"
    )
    title = models.CharField(_("title"), max_length=200)
    shared_with_vendor = models.BooleanField(_("shared with the vendor"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = ContractChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("contract document")
        verbose_name_plural = _("contract documents")
        ordering = ["title", "pk"]
        constraints = [models.UniqueConstraint(fields=["contract", "title"], name="contract_document_title_unique")]

    def __str__(self):
        return self.title


class DocumentVersion(models.Model):
    """One uploaded version of a contract document; earlier versions stay downloadable."""

    document = models.ForeignKey(ContractDocument, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    file = models.FileField(_("file"), upload_to=_document_path)
    # The name the file was uploaded with, offered again on download (the stored name is
    # `v<number>-<name>` with spaces and other characters changed by the storage).
    original_name = models.CharField(_("original file name"), max_length=255, blank=True, editable=False)
    note = models.CharField(_("note"), max_length=300, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("document version")
        verbose_name_plural = _("document versions")
        ordering = ["document", "-number"]
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="document_version_unique")]

    def __str__(self):
        return f"{self.document.title} v{self.number}"

    @property
    def filename(self):
        """The name to show and to download under: the one it was uploaded with."""
        return self.original_name or name_from_stored(self.file.name, self.number)


def name_from_stored(stored: str, number: int) -> str:
    """The best name for a version uploaded before its original name was kept: the stored name
    without its `v<number>-` prefix. (A random suffix the storage adds only when the same path
    already existed is left: it cannot be told from a name ending in `_` and seven letters.)"""
    name = stored.rsplit("/", 1)[-1]
    prefix = f"v{number}-"
    return name[len(prefix) :] if name.startswith(prefix) and len(name) > len(prefix) else name
