from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditOutcome(models.TextChoices):
    PASS = "pass", _("Pass")  # defect rate at or below the acceptance level
    FAIL = "fail", _("Fail")  # defect rate above the acceptance level: a corrective action is proposed


class ReviewRating(models.TextChoices):
    SATISFACTORY = "satisfactory", _("Satisfactory")  # quality as agreed
    CONCERNS = "concerns", _("Concerns")  # watch: some findings need follow-up
    UNSATISFACTORY = "unsatisfactory", _("Unsatisfactory")  # quality below the agreed standard
