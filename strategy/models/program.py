"""The program: the outsourcing of one business process, from strategy to exit."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from bpo.core.currencies import CURRENCY_CHOICES
from bpo.core.dates import date_range_errors
from bpo.core.links import record_url

from ..choices import ApprovalStatus, Phase
from ..querysets import ProgramQuerySet


def validate_time_zone(value: str) -> None:
    """An IANA time zone name (Asia/Shanghai, UTC): the form, the API and clean() refuse others."""
    import zoneinfo

    from django.core.exceptions import ValidationError

    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("Unknown time zone; use a name such as Asia/Shanghai or UTC."), code="invalid")


class Program(models.Model):
    """One outsourcing program; its charter hangs off it (strategy/models/charter.py)."""

    code = models.CharField(
        _("code"),
        max_length=20,
        unique=True,
        validators=[RegexValidator(r"^[A-Z0-9][A-Z0-9-]*$", _("Use capital letters, digits and hyphens."))],
        help_text=_("A short unique code, for example CS-2026."),
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    business_unit = models.CharField(_("business unit"), max_length=120, blank=True)
    sponsor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sponsor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sponsored_programs",
        limit_choices_to={"is_active": True, "vendor__isnull": True},
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_programs",
        limit_choices_to={"is_active": True, "vendor__isnull": True},
    )
    strategic_alignment = models.TextField(
        _("strategic alignment"), blank=True, help_text=_("How the program serves the business strategy.")
    )
    phase = models.CharField(_("phase"), max_length=16, choices=Phase.choices, default=Phase.STRATEGY)
    status = models.CharField(
        _("approval"), max_length=12, choices=ApprovalStatus.choices, default=ApprovalStatus.DRAFT
    )
    # Who submitted the charter last: they may not approve or return it (nobody approves their own).
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Why the charter was last returned for changes, shown on the program's page (and sent to the
    # managers); at most DISPUTE_REASON_MAX_LENGTH characters, checked by program_return.
    return_reason = models.TextField(_("return reason"), blank=True)
    # The charter revision being edited (draft) or last approved; an approved charter is
    # changed only by starting revision + 1, and each approved revision is kept as a snapshot.
    revision = models.PositiveIntegerField(_("charter revision"), default=1)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    currency = models.CharField(
        _("currency"),
        max_length=3,
        default="USD",
        choices=CURRENCY_CHOICES,  # ISO 4217 (bpo/core/currencies.py): a select, not any three letters
    )
    time_zone = models.CharField(_("time zone"), max_length=64, default="UTC", validators=[validate_time_zone])
    baseline_cost = models.DecimalField(
        _("in-house baseline cost"),
        max_digits=16,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("What the process costs in-house per year."),
    )
    target_savings_pct = models.DecimalField(
        _("target savings (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("0"),
        validators=[
            MinValueValidator(Decimal("0"), _("Target savings must be a percentage from 0 to 100.")),
            MaxValueValidator(Decimal("100"), _("Target savings must be a percentage from 0 to 100.")),
        ],
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ProgramQuerySet.as_manager()

    class Meta:
        verbose_name = _("program")
        verbose_name_plural = _("programs")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                name="program_dates_in_order",
                condition=Q(end_date__isnull=True) | Q(start_date__isnull=True) | Q(end_date__gte=F("start_date")),
                violation_error_message=_("The end date cannot be before the start date."),
            ),
            models.CheckConstraint(
                name="program_savings_pct_range",
                condition=Q(target_savings_pct__gte=0) & Q(target_savings_pct__lte=100),
                violation_error_message=_("Target savings must be a percentage from 0 to 100."),
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.name}"

    def get_absolute_url(self):
        return record_url("strategy:program_detail", self.pk)

    def clean(self):
        from django.core.exceptions import ValidationError

        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The end date cannot be before the start date.")
        errors.update(date_range_errors(start_date=self.start_date, end_date=self.end_date))
        # The savings range is the field's validators (clean_fields): checked here too, a form
        # showed "Target savings must be a percentage from 0 to 100." twice.
        if errors:
            raise ValidationError(errors)
