"""Continuous improvement: initiatives (idea -> approved -> implemented -> benefit measured, expected
against realized benefit) and lessons learned (searchable, tagged by phase and category)."""

from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from bpo.core.links import record_url
from strategy.choices import Phase

from .choices import InitiativeStatus, LessonCategory
from .querysets import InitiativeQuerySet, LessonQuerySet

__all__ = ["ImprovementInitiative", "Lesson"]

BENEFIT = {"max_digits": 16, "decimal_places": 2}


class ImprovementInitiative(models.Model):
    """An improvement of a program's service, from idea to a measured benefit."""

    program = models.ForeignKey(
        "strategy.Program", verbose_name=_("program"), on_delete=models.CASCADE, related_name="initiatives"
    )
    contract = models.ForeignKey(
        "contracts.Contract",
        verbose_name=_("contract"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="initiatives",
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=InitiativeStatus.choices, default=InitiativeStatus.IDEA
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    benefit_unit = models.CharField(
        _("benefit unit"), max_length=60, blank=True, help_text=_("For example USD per year, or hours per month.")
    )
    # The promise an approval rests on: more than zero (two decimals, so at least 0.01).
    expected_benefit = models.DecimalField(
        _("expected benefit"),
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01"), message=_("The expected benefit must be more than zero."))],
        **BENEFIT,
    )
    realized_benefit = models.DecimalField(_("realized benefit"), null=True, blank=True, **BENEFIT)
    measurement_note = models.TextField(_("how the benefit was measured"), blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("proposed by"), on_delete=models.PROTECT, related_name="+"
    )
    proposed_at = models.DateTimeField(_("proposed"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    rejection_reason = models.TextField(_("reason for rejecting"), blank=True)
    implemented_on = models.DateField(_("implemented on"), null=True, blank=True)
    measured_on = models.DateField(_("benefit measured on"), null=True, blank=True)

    objects = InitiativeQuerySet.as_manager()

    class Meta:
        verbose_name = _("improvement initiative")
        verbose_name_plural = _("improvement initiatives")
        ordering = ["-proposed_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                name="initiative_measured_has_realized_benefit",
                condition=~models.Q(status="measured") | models.Q(realized_benefit__isnull=False),
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return record_url("performance:initiative_detail", self.pk)

    @property
    def realization_pct(self) -> Decimal | None:
        """Realized as a percentage of the expected benefit (one decimal, half up), when both are known:
        the one figure the list, the initiative's page (both print it with format_percent,
        bpo/core/formats.py: 75%, 12.30%), the API and the export show."""
        if self.realized_benefit is None or not self.expected_benefit:
            return None
        return (self.realized_benefit * 100 / self.expected_benefit).quantize(Decimal("0.1"), ROUND_HALF_UP)


class Lesson(models.Model):
    """A lesson learned, in any language, tagged by lifecycle phase and category, from a program or elsewhere."""

    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("lesson"))
    phase = models.CharField(_("phase"), max_length=20, choices=Phase.choices)
    category = models.CharField(_("category"), max_length=20, choices=LessonCategory.choices)
    tags = models.CharField(
        _("tags"), max_length=300, blank=True, help_text=_("Words to find it by, separated by commas.")
    )
    program = models.ForeignKey(
        "strategy.Program",
        verbose_name=_("program"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="lessons",
    )
    source = models.CharField(
        _("source"), max_length=200, blank=True, help_text=_("Where it was learned: a review, an incident, a gate.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = LessonQuerySet.as_manager()

    class Meta:
        verbose_name = _("lesson learned")
        verbose_name_plural = _("lessons learned")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["phase", "category"], name="lesson_phase_category")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return record_url("performance:lesson_detail", self.pk)

    @property
    def tag_list(self) -> list[str]:
        return [t.strip() for t in self.tags.replace("，", ",").split(",") if t.strip()]
