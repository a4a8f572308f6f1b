"""Choices of the implementation plan, the transition checklist and the status reports."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TransitionCategory(models.TextChoices):
    KNOWLEDGE_TRANSFER = "knowledge_transfer", _("Knowledge transfer")  # documents, shadowing, reverse shadowing
    PARALLEL_RUN = "parallel_run", _("Parallel run")  # old and new run side by side, results compared
    GO_LIVE = "go_live", _("Go-live readiness")  # cut-over criteria: access, staffing, support, sign-offs


class Rag(models.TextChoices):
    GREEN = "green", _("Green")  # on track
    AMBER = "amber", _("Amber")  # at risk: attention needed
    RED = "red", _("Red")  # off track: action needed
    NOT_RATED = "none", _("Not rated")  # no data in scope (a vendor's report has no budget)


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")  # figures follow the data; narrative editable
    SUBMITTED = "submitted", _("Submitted")  # frozen: figures and narrative never change again
