"""Scorecard records: templates and criteria, scorecards with one line per criterion, ratings, disputes.

Rules: DOMAIN.md "Scorecards, quality, improvement"; the arithmetic is in computation.py."""

import copy
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from bpo.core.links import record_url

from .choices import CriterionKind, DisputeStatus, ScorecardStatus
from .querysets import DisputeQuerySet, ScorecardQuerySet, TemplateQuerySet

__all__ = [
    "PublishedScorecard",
    "ReviewerRating",
    "Scorecard",
    "ScorecardCriterion",
    "ScorecardDispute",
    "ScorecardLine",
    "ScorecardTemplate",
]

SCORE = {"max_digits": 6, "decimal_places": 2, "validators": [MinValueValidator(0), MaxValueValidator(100)]}


class ScorecardTemplate(models.Model):
    """Weighted criteria and bands; for one program, or global when the program is empty."""

    name = models.CharField(_("name"), max_length=200)
    program = models.ForeignKey(
        "strategy.Program",
        verbose_name=_("program"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="scorecard_templates",
    )
    is_active = models.BooleanField(_("active"), default=True)
    # Band lower edges (a total at or above the edge is in the band); DOMAIN.md's defaults.
    band_excellent = models.DecimalField(_("excellent from"), default=Decimal("85"), **SCORE)
    band_good = models.DecimalField(_("good from"), default=Decimal("70"), **SCORE)
    band_needs_improvement = models.DecimalField(_("needs improvement from"), default=Decimal("50"), **SCORE)

    objects = TemplateQuerySet.as_manager()

    class Meta:
        verbose_name = _("scorecard template")
        verbose_name_plural = _("scorecard templates")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                name="scorecard_template_bands_descend",
                condition=models.Q(band_excellent__gt=models.F("band_good"))
                & models.Q(band_good__gt=models.F("band_needs_improvement")),
            )
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if not (self.band_excellent > self.band_good > self.band_needs_improvement):
            raise ValidationError(_("The band edges must descend: excellent > good > needs improvement."))

    def validate_weights(self):
        """The criteria's weights must sum to exactly 100 before the template drafts a scorecard."""
        total = sum((c.weight for c in self.criteria.all()), Decimal("0"))
        if total != 100:
            raise ValidationError(_("The criteria's weights sum to %(total)s, not 100.") % {"total": total})


class ScorecardCriterion(models.Model):
    template = models.ForeignKey(
        ScorecardTemplate, verbose_name=_("template"), on_delete=models.CASCADE, related_name="criteria"
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=CriterionKind.choices)
    weight = models.DecimalField(_("weight"), **SCORE)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("scorecard criterion")
        verbose_name_plural = _("scorecard criteria")
        ordering = ["template", "order", "pk"]
        constraints = [
            models.CheckConstraint(name="scorecard_criterion_weight_positive", condition=models.Q(weight__gt=0))
        ]

    def __str__(self):
        return f"{self.name} ({self.weight})"


class Scorecard(models.Model):
    """One contract's scorecard for one period; the template's criteria and bands are copied at drafting."""

    contract = models.ForeignKey(
        "contracts.Contract", verbose_name=_("contract"), on_delete=models.CASCADE, related_name="scorecards"
    )
    period = models.ForeignKey(
        "performance.Period", verbose_name=_("period"), on_delete=models.CASCADE, related_name="scorecards"
    )
    template = models.ForeignKey(
        ScorecardTemplate, verbose_name=_("template"), on_delete=models.PROTECT, related_name="scorecards"
    )
    status = models.CharField(
        _("status"), max_length=12, choices=ScorecardStatus.choices, default=ScorecardStatus.DRAFT
    )
    band_excellent = models.DecimalField(_("excellent from"), **SCORE)
    band_good = models.DecimalField(_("good from"), **SCORE)
    band_needs_improvement = models.DecimalField(_("needs improvement from"), **SCORE)
    total = models.DecimalField(_("total"), null=True, blank=True, **SCORE)
    band = models.CharField(_("band"), max_length=20, blank=True)
    # True when one or more criteria have no score: the total is over the scored ones, reweighted.
    is_partial = models.BooleanField(_("criteria missing"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("drafted"), auto_now_add=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    acknowledged_at = models.DateTimeField(_("acknowledged"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Set when the period's service-level results changed after the scorecard was published (the
    # period reopened and evaluated again): it went back to review, the vendor still reads it with
    # the note (vendor_outdated_note) and its figures as published (published_*), and publishing it
    # anew clears both. `outdated_values` keeps the SLA
    # attainment as published ({"was": "100.00"}, None when it had no score).
    outdated_at = models.DateTimeField(_("out of date since"), null=True, blank=True)
    outdated_values = models.JSONField(_("figures as published"), default=dict, blank=True)
    # The figures the vendor was last officially given (kept by the services whenever a published
    # scorecard's figures are written: publication, a dispute's resolution, and just before new
    # results send it back to review). While it is out of date the vendor reads these, never the
    # figures being reviewed again (as_published). `published_lines`: {line pk: {"score",
    # "original_score", "basis", "basis_values"}}; empty when nothing was kept (a scorecard already
    # back in review when these fields came: the vendor then reads the note alone).
    published_total = models.DecimalField(_("total as published"), null=True, blank=True, **SCORE)
    published_band = models.CharField(_("band as published"), max_length=20, blank=True)
    published_is_partial = models.BooleanField(_("criteria missing as published"), default=False)
    published_lines = models.JSONField(_("criteria as published"), default=dict, blank=True)

    objects = ScorecardQuerySet.as_manager()

    class Meta:
        verbose_name = _("scorecard")
        verbose_name_plural = _("scorecards")
        ordering = ["-period__start", "contract"]
        constraints = [models.UniqueConstraint(fields=["contract", "period"], name="scorecard_once_per_period")]

    def __str__(self):
        return f"{self.contract.number} {self.period.label}"

    def get_absolute_url(self):
        return record_url("performance:scorecard_detail", self.pk)

    def get_band_display(self):
        """The band's label; none while there is no total (no criterion scored)."""
        from .computation import BAND_LABELS

        if self.total is None:
            return ""
        return BAND_LABELS.get(self.band, "")

    @property
    def is_outdated(self) -> bool:
        return self.outdated_at is not None

    @property
    def outdated_note(self) -> str:
        """Why the scorecard is being reviewed again, with the SLA attainment as published and as
        recomputed, in the active language (empty while it is current): staff's, on their page and
        in the API (`outdated_note`). The vendor reads vendor_outdated_note, which names no figure
        still under review."""
        if self.outdated_at is None:
            return ""
        values = self.outdated_values or {}
        sla = next((line.score for line in self.lines.all() if line.kind == CriterionKind.SLA_ATTAINMENT), None)
        missing = _("missing")
        return _(
            "Out of date: the service-level results of %(period)s changed after this scorecard was "
            "published (SLA attainment was %(was)s, now %(now)s). It is being reviewed again and will "
            "be published anew."
        ) % {
            "period": self.period.label,
            "was": values.get("was") or missing,
            "now": missing if sla is None else sla,
        }

    @property
    def vendor_outdated_note(self) -> str:
        """The note the vendor reads while the scorecard is out of date: why, and that the figures
        shown are those published (or none were kept). It never names the figures being reviewed
        again (outdated_note, staff's, does)."""
        if self.outdated_at is None:
            return ""
        from bpo.core.formats import format_date
        from bpo.core.zones import date_in_zone

        params = {
            "period": self.period.label,
            "date": format_date(date_in_zone(self.published_at, self.contract.program.time_zone)),
        }
        if self.has_published_figures:
            return (
                _(
                    "Out of date: the service-level results of %(period)s changed after this scorecard was "
                    "published. It is being reviewed again and will be published anew; until then these are "
                    "the figures published on %(date)s."
                )
                % params
            )
        return (
            _(
                "Out of date: the service-level results of %(period)s changed after this scorecard was "
                "published. It is being reviewed again and will be published anew; its figures are shown "
                "once it is."
            )
            % params
        )

    @property
    def review_flag(self) -> str:
        """Staff lists and exports: "Out of date since 2026-11-28: back in review" (the date in the
        program's zone), empty while the scorecard is current."""
        if self.outdated_at is None:
            return ""
        from bpo.core.formats import format_date
        from bpo.core.zones import date_in_zone

        return _("Out of date since %(date)s: back in review") % {
            "date": format_date(date_in_zone(self.outdated_at, self.contract.program.time_zone))
        }

    @property
    def has_published_figures(self) -> bool:
        return bool(self.published_lines)

    def published_figures(self, lines=None) -> dict:
        """The figures as they stand now, to be kept as published (the services call it whenever
        a published scorecard's figures are written), from `lines` or the scorecard's own."""
        lines = self.lines.all() if lines is None else lines
        return {
            "published_total": self.total,
            "published_band": self.band,
            "published_is_partial": self.is_partial,
            "published_lines": {str(line.pk): line.published_figures() for line in lines},
        }

    def as_published(self) -> "PublishedScorecard":
        """What the vendor reads: the scorecard itself while it is current, its figures as
        published while it is out of date (back in review after its period's results changed)."""
        return PublishedScorecard(self)

    @property
    def has_open_dispute(self) -> bool:
        """A criterion is disputed and not yet resolved: the vendor acknowledges only once it is (the
        total may change), so the service refuses and the portal hides the Acknowledge button."""
        return ScorecardDispute.objects.filter(line__scorecard=self, status=DisputeStatus.OPEN).exists()


class ScorecardLine(models.Model):
    """One criterion of one scorecard. `score` is empty while missing; `original_score` keeps a corrected one."""

    scorecard = models.ForeignKey(Scorecard, on_delete=models.CASCADE, related_name="lines")
    criterion = models.ForeignKey(ScorecardCriterion, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("criterion"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=CriterionKind.choices)
    weight = models.DecimalField(_("weight"), **SCORE)
    order = models.PositiveSmallIntegerField(default=0)
    score = models.DecimalField(_("score"), null=True, blank=True, **SCORE)
    original_score = models.DecimalField(_("original score"), null=True, blank=True, **SCORE)
    # How a computed score was reached, shown to the vendor: the figures (basis_values) are stored
    # and worded in the reader's language (basis_text); `basis` keeps an older line's stored text.
    basis = models.CharField(_("basis"), max_length=300, blank=True)
    basis_values = models.JSONField(_("basis figures"), default=dict, blank=True)
    internal_note = models.TextField(_("internal note"), blank=True)  # staff only, never in the portal

    class Meta:
        ordering = ["scorecard", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["scorecard", "criterion"], name="scorecard_line_once")]

    def __str__(self):
        return f"{self.scorecard}: {self.name}"

    @property
    def is_missing(self):
        return self.score is None

    @property
    def was_corrected(self):
        return self.original_score is not None

    def published_figures(self) -> dict:
        """This line's figures as kept in Scorecard.published_lines."""
        return {
            "score": None if self.score is None else str(self.score),
            "original_score": None if self.original_score is None else str(self.original_score),
            "basis": self.basis,
            "basis_values": self.basis_values,
        }

    @property
    def basis_text(self) -> str:
        """How the score was computed, in the active language: "4 of 4 results with enough data"."""
        values = self.basis_values or {}
        try:
            if self.kind == CriterionKind.SLA_ATTAINMENT and values:
                return _("%(counted)s of %(total)s results with enough data") % values
            if self.kind == CriterionKind.QUALITY and values:
                return _("%(passed)s of %(total)s quality audits passed") % values
            if self.kind == CriterionKind.REVIEWER_RATING and values:
                return _("median of %(n)s reviewer ratings") % values
        except (KeyError, TypeError):
            pass  # figures of another shape: the stored text, if any
        return self.basis


def _decimal(value):
    return None if value is None else Decimal(value)


class PublishedScorecard:
    """A scorecard as its vendor reads it (portal pages, exports and the API alike).

    Current (published, not out of date): the scorecard's own figures. Out of date: the total,
    band and each criterion's score and basis as last published, on copies of the lines (their
    name, weight and disputes are the scorecard's); `has_figures` is False when none were kept,
    and then there is no total and no line: the vendor reads the note alone."""

    def __init__(self, card: Scorecard):
        self.card = card
        self.is_outdated = card.is_outdated
        if not self.is_outdated:
            self.total, self.band, self.is_partial = card.total, card.band, card.is_partial
            self.has_figures = True
        else:
            self.total, self.band = card.published_total, card.published_band
            self.is_partial, self.has_figures = card.published_is_partial, card.has_published_figures
        self.note = card.vendor_outdated_note if self.is_outdated else ""

    def get_band_display(self) -> str:
        from .computation import BAND_LABELS

        return "" if self.total is None else BAND_LABELS.get(self.band, "")

    def lines(self, lines=None) -> list:
        """The lines (the scorecard's, or `lines` when given with their prefetches) with the
        figures the vendor reads; none while out of date without kept figures."""
        lines = list(self.card.lines.all() if lines is None else lines)
        if not self.is_outdated:
            return lines
        kept = self.card.published_lines or {}
        shown = []
        for line in lines:
            figures = kept.get(str(line.pk))
            if figures is None:
                continue
            line = copy.copy(line)  # the prefetched disputes come along; the record is not saved
            line.score = _decimal(figures.get("score"))
            line.original_score = _decimal(figures.get("original_score"))
            line.basis = figures.get("basis") or ""
            line.basis_values = figures.get("basis_values") or {}
            shown.append(line)
        return shown


class ReviewerRating(models.Model):
    """A staff reviewer's 1-5 rating of a reviewer-rating criterion; empty until they rate."""

    line = models.ForeignKey(ScorecardLine, on_delete=models.CASCADE, related_name="ratings")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("reviewer"), on_delete=models.PROTECT)
    rating = models.PositiveSmallIntegerField(
        _("rating"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField(_("comment"), blank=True)  # internal: never shown to the vendor
    rated_at = models.DateTimeField(_("rated"), null=True, blank=True)

    class Meta:
        ordering = ["line", "reviewer__username"]
        constraints = [
            models.UniqueConstraint(fields=["line", "reviewer"], name="reviewer_rating_once"),
            models.CheckConstraint(
                name="reviewer_rating_1_to_5",
                condition=models.Q(rating__isnull=True) | models.Q(rating__gte=1, rating__lte=5),
            ),
        ]

    def __str__(self):
        return f"{self.line}: {self.reviewer} {self.rating}"


class ScorecardDispute(models.Model):
    """The vendor disputes one criterion of a published scorecard; staff accept (with a corrected score) or reject."""

    line = models.ForeignKey(
        ScorecardLine, verbose_name=_("criterion"), on_delete=models.CASCADE, related_name="disputes"
    )
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(_("reason"))
    raised_at = models.DateTimeField(_("raised"), auto_now_add=True)
    status = models.CharField(_("status"), max_length=10, choices=DisputeStatus.choices, default=DisputeStatus.OPEN)
    score_before = models.DecimalField(_("score disputed"), null=True, blank=True, **SCORE)
    corrected_score = models.DecimalField(_("corrected score"), null=True, blank=True, **SCORE)
    resolution = models.TextField(_("resolution"), blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)

    objects = DisputeQuerySet.as_manager()

    class Meta:
        verbose_name = _("scorecard dispute")
        verbose_name_plural = _("scorecard disputes")
        ordering = ["-raised_at", "-pk"]
        constraints = [
            # One open dispute per criterion at a time.
            models.UniqueConstraint(
                fields=["line"], condition=models.Q(status="open"), name="scorecard_dispute_one_open"
            )
        ]

    def __str__(self):
        return f"{self.line}: {self.get_status_display()}"
