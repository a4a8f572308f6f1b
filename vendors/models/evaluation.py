"""Evaluation: evaluators and their scores, mandatory-requirement checks, due diligence and the award."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from bpo.core.dates import date_range_errors

from ..choices import DiligenceKind
from ..querysets import InternalProposalPartQuerySet, ScoreQuerySet, StaffEventPartQuerySet

SCORE = [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("10"))]


class EvaluatorAssignment(models.Model):
    """A staff user assigned to score an event's proposals. Until they submit their sheet they
    see only their own scores."""

    event = models.ForeignKey(
        "vendors.SourcingEvent", verbose_name=_("sourcing event"), on_delete=models.CASCADE, related_name="evaluators"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("evaluator"), on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(_("scores submitted"), null=True, blank=True)

    objects = StaffEventPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("evaluator")
        verbose_name_plural = _("evaluators")
        ordering = ["event", "user__username"]
        constraints = [models.UniqueConstraint(fields=["event", "user"], name="evaluator_once")]

    def __str__(self):
        return str(self.user)

    def get_absolute_url(self):
        return self.event.get_absolute_url()


class Score(models.Model):
    """One evaluator's score, 0 to 10, of one proposal on one (non-price) criterion."""

    assignment = models.ForeignKey(
        EvaluatorAssignment, verbose_name=_("evaluator"), on_delete=models.CASCADE, related_name="scores"
    )
    proposal = models.ForeignKey(
        "vendors.Proposal", verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="scores"
    )
    criterion = models.ForeignKey(
        "vendors.Criterion", verbose_name=_("criterion"), on_delete=models.CASCADE, related_name="scores"
    )
    score = models.DecimalField(_("score"), max_digits=4, decimal_places=1, validators=SCORE)
    comment = models.CharField(_("comment"), max_length=300, blank=True)

    objects = ScoreQuerySet.as_manager()

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["assignment", "proposal", "criterion"], name="score_once"),
            models.CheckConstraint(
                name="score_between_0_and_10", condition=models.Q(score__gte=0) & models.Q(score__lte=10)
            ),
        ]

    def __str__(self):
        return f"{self.criterion}: {self.score}"


class RequirementCheck(models.Model):
    """Whether a proposal meets one mandatory requirement; a fail disqualifies the proposal."""

    proposal = models.ForeignKey(
        "vendors.Proposal", verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="checks"
    )
    requirement = models.ForeignKey(
        "vendors.Requirement", verbose_name=_("requirement"), on_delete=models.CASCADE, related_name="checks"
    )
    passed = models.BooleanField(_("passed"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("checked by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    checked_at = models.DateTimeField(_("checked"), auto_now=True)

    objects = InternalProposalPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("requirement check")
        verbose_name_plural = _("requirement checks")
        constraints = [models.UniqueConstraint(fields=["proposal", "requirement"], name="requirement_check_once")]

    def __str__(self):
        return f"{self.requirement}: {'pass' if self.passed else 'fail'}"


class DueDiligence(models.Model):
    """A check of a shortlisted vendor: site visit, references, finances, pilot run or cultural fit."""

    proposal = models.ForeignKey(
        "vendors.Proposal", verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="diligence"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=DiligenceKind.choices)
    performed_on = models.DateField(_("performed on"))
    findings = models.TextField(_("findings"))
    score = models.DecimalField(_("score (0-10)"), max_digits=4, decimal_places=1, validators=SCORE)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = InternalProposalPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("due diligence")
        verbose_name_plural = _("due diligence")
        ordering = ["proposal", "performed_on", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.proposal.vendor}"

    def clean(self):
        errors = date_range_errors(performed_on=self.performed_on)
        if errors:
            raise ValidationError(errors)

    @property
    def pilot_passed(self):
        """For a pilot run: True when every KPI met its target, None when there are no KPIs."""
        kpis = list(self.kpis.all())
        return all(k.passed for k in kpis) if kpis else None


class PilotKpi(models.Model):
    """One KPI measured in a pilot run against its target."""

    diligence = models.ForeignKey(
        DueDiligence, verbose_name=_("due diligence"), on_delete=models.CASCADE, related_name="kpis"
    )
    name = models.CharField(_("KPI"), max_length=200)
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=2)
    actual = models.DecimalField(_("actual"), max_digits=14, decimal_places=2)
    higher_is_better = models.BooleanField(_("higher is better"), default=True)

    class Meta:
        verbose_name = _("pilot KPI")
        verbose_name_plural = _("pilot KPIs")
        ordering = ["diligence", "pk"]

    def __str__(self):
        return self.name

    @property
    def passed(self) -> bool:
        return self.actual >= self.target if self.higher_is_better else self.actual <= self.target


class AwardDecision(models.Model):
    """The chosen proposal and why; approved by the program's sponsor or an administrator, which
    awards the event, passes the sourcing gate and creates the draft contract."""

    event = models.OneToOneField(
        "vendors.SourcingEvent", verbose_name=_("sourcing event"), on_delete=models.CASCADE, related_name="award"
    )
    proposal = models.ForeignKey(
        "vendors.Proposal", verbose_name=_("chosen proposal"), on_delete=models.PROTECT, related_name="+"
    )
    rationale = models.TextField(_("rationale"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("proposed by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("proposed"), auto_now_add=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    contract_id = models.PositiveBigIntegerField(_("draft contract"), null=True, blank=True)

    objects = StaffEventPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("award decision")
        verbose_name_plural = _("award decisions")

    def __str__(self):
        return _("Award of %(event)s") % {"event": self.event}

    def get_absolute_url(self):
        return self.event.get_absolute_url()
