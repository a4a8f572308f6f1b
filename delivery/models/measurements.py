"""Service-level measurements: samples sent by vendors, the batches they came in, and the
large CSV imports that run as background tasks."""

import uuid
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..choices import BatchSource, ImportStatus
from ..querysets import BatchQuerySet, ImportQuerySet, SampleQuerySet

MONEY = {"max_digits": 16, "decimal_places": 2, "default": Decimal("0")}


class MeasurementBatch(models.Model):
    """One submission of samples (a form entry, a CSV file, an API call), kept as a receipt."""

    contract = models.ForeignKey(
        "contracts.Contract", verbose_name=_("contract"), on_delete=models.CASCADE, related_name="measurement_batches"
    )
    source = models.CharField(_("source"), max_length=8, choices=BatchSource.choices)
    file_name = models.CharField(_("file"), max_length=255, blank=True)
    checksum = models.CharField(_("SHA-256"), max_length=64, blank=True)
    row_count = models.PositiveIntegerField(_("rows"), default=0)
    new_count = models.PositiveIntegerField(_("new samples"), default=0)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("submitted by"), on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)

    objects = BatchQuerySet.as_manager()

    class Meta:
        verbose_name = _("measurement batch")
        verbose_name_plural = _("measurement batches")
        ordering = ["-submitted_at", "-pk"]

    def __str__(self):
        return f"{self.get_source_display()} {self.file_name} ({self.row_count})".strip()


class Sample(models.Model):
    """One measured value of one service level at one moment.

    The natural key (service level, time, reference) is unique, so re-sending the same
    file or batch updates the same rows instead of adding duplicates."""

    service_level = models.ForeignKey(
        "contracts.ServiceLevel", verbose_name=_("service level"), on_delete=models.CASCADE, related_name="samples"
    )
    measured_at = models.DateTimeField(_("measured at"))
    reference = models.CharField(
        _("reference"), max_length=100, blank=True, default="", help_text=_("The vendor's id of the item measured.")
    )
    value = models.DecimalField(_("value"), max_digits=18, decimal_places=4)
    batch = models.ForeignKey(
        MeasurementBatch, verbose_name=_("batch"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    excluded = models.BooleanField(_("approved exclusion"), default=False)
    exclusion_reason = models.CharField(_("exclusion reason"), max_length=300, blank=True)
    excluded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    excluded_at = models.DateTimeField(_("excluded"), null=True, blank=True)

    objects = SampleQuerySet.as_manager()

    class Meta:
        verbose_name = _("sample")
        verbose_name_plural = _("samples")
        ordering = ["-measured_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["service_level", "measured_at", "reference"], name="sample_natural_key"),
        ]
        # The newest first (the samples API): the index serves that order (no sort).
        indexes = [models.Index(fields=["-measured_at", "-id"], name="sample_list_order")]

    def __str__(self):
        return f"{self.service_level.code} {self.measured_at:%Y-%m-%d %H:%M} = {self.value}"


def import_file_path(instance, filename):
    """measurement-imports/<contract>/<random>.csv: the stored name reveals nothing and cannot be guessed."""
    ext = Path(filename).suffix.lower() or ".csv"
    return f"measurement-imports/{instance.contract_id}/{uuid.uuid4().hex}{ext}"


class MeasurementImport(models.Model):
    """A CSV upload too large to check and save in the web request: its file (in the default
    storage until the import ends), its progress, and its outcome - the batch it saved, or
    the bad rows (line and reason) that made it save nothing."""

    contract = models.ForeignKey(
        "contracts.Contract", verbose_name=_("contract"), on_delete=models.CASCADE, related_name="measurement_imports"
    )
    file = models.FileField(_("stored file"), upload_to=import_file_path, blank=True, max_length=300)
    file_name = models.CharField(_("file"), max_length=255, blank=True)
    checksum = models.CharField(_("SHA-256"), max_length=64, blank=True)
    row_count = models.PositiveIntegerField(_("rows"), default=0)
    status = models.CharField(_("status"), max_length=8, choices=ImportStatus.choices, default=ImportStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    # Every bad row is counted; the first MAX_STORED_ERRORS are kept as [line, reason] pairs.
    error_count = models.PositiveIntegerField(_("bad rows"), default=0)
    errors = models.JSONField(_("bad rows (line, reason)"), default=list, blank=True)
    batch = models.OneToOneField(
        MeasurementBatch,
        verbose_name=_("batch"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="source_import",
    )
    # The uploader's language: the reasons of the bad rows are written in it.
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES, default="en")
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("submitted by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    objects = ImportQuerySet.as_manager()

    class Meta:
        verbose_name = _("measurement import")
        verbose_name_plural = _("measurement imports")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(progress__lte=100), name="measurement_import_progress_max_100"),
        ]

    def __str__(self):
        return f"{self.file_name} ({self.get_status_display()})"

    @property
    def is_finished(self) -> bool:
        return self.status in (ImportStatus.DONE, ImportStatus.FAILED)
