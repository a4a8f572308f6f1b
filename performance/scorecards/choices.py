from django.db import models
from django.utils.translation import gettext_lazy as _


class CriterionKind(models.TextChoices):
    SLA_ATTAINMENT = "sla_attainment", _("SLA attainment")  # computed from the period's results
    QUALITY = "quality", _("Quality")  # audit pass rate of the period's audits; scored by hand when there are none
    REVIEWER_RATING = "reviewer_rating", _("Reviewer ratings")  # median of the named reviewers' 1-5 ratings
    BUDGET_ADHERENCE = "budget_adherence", _("Budget adherence")  # scored by hand until actuals exist
    MANUAL = "manual", _("Manual")  # scored by the program manager


class ScorecardStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")  # being scored; reviewers rate; editable
    IN_REVIEW = "in_review", _("In review")  # scores frozen for the manager's check; may go back to draft
    PUBLISHED = "published", _("Published")  # the vendor sees it; only a resolved dispute changes a score


class DisputeStatus(models.TextChoices):
    OPEN = "open", _("Open")  # raised by the vendor, waiting for staff
    ACCEPTED = "accepted", _("Accepted")  # the criterion's score was corrected (the original is kept)
    REJECTED = "rejected", _("Rejected")  # the score stands; the reason is recorded
