from django.db import models
from django.utils.translation import gettext_lazy as _


class BatchSource(models.TextChoices):
    PORTAL_FORM = "form", _("Portal form")  # one sample typed in the portal
    CSV = "csv", _("CSV upload")  # a file uploaded in the portal
    API = "api", _("API")  # a bulk POST to /api/v1/samples/bulk/
