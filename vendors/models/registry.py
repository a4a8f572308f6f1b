"""The vendor registry: service providers, prospective and active."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from bpo.core.dates import date_range_errors
from bpo.core.links import record_url

from ..choices import ChangeRequestStatus, DocumentKind, Tier, VendorStatus
from ..files import upload_to, validate_upload
from ..querysets import VendorPartQuerySet, VendorQuerySet


class Vendor(models.Model):
    """A service provider, with its contacts, certifications and documents (below)."""

    name = models.CharField(_("legal name"), max_length=200, unique=True)
    local_name = models.CharField(_("local name"), max_length=200, blank=True)
    registration_number = models.CharField(_("registration number"), max_length=64, blank=True)
    country = models.CharField(_("country"), max_length=64)
    website = models.URLField(_("website"), blank=True)
    capabilities = models.TextField(_("capabilities"), blank=True)
    tier = models.CharField(_("tier"), max_length=16, choices=Tier.choices, default=Tier.OPERATIONAL)
    status = models.CharField(_("status"), max_length=16, choices=VendorStatus.choices, default=VendorStatus.PROSPECT)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = VendorQuerySet.as_manager()

    class Meta:
        verbose_name = _("vendor")
        verbose_name_plural = _("vendors")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.local_name})" if self.local_name else self.name

    def get_absolute_url(self):
        return record_url("vendors:vendor_detail", self.pk)

    @property
    def country_name(self) -> str:
        """The country in the reader's language (vendors/countries.py)."""
        from ..countries import country_name

        return country_name(self.country)


class VendorPart(models.Model):
    """Base of the records that belong to one vendor: they follow the vendor's access."""

    vendor = models.ForeignKey(Vendor, verbose_name=_("vendor"), on_delete=models.CASCADE)

    objects = VendorPartQuerySet.as_manager()

    class Meta:
        abstract = True

    def get_absolute_url(self):
        return self.vendor.get_absolute_url()


class VendorContact(VendorPart):
    name = models.CharField(_("name"), max_length=200)
    title = models.CharField(_("title"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    is_primary = models.BooleanField(_("primary contact"), default=False)

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["vendor", "-is_primary", "name"]
        default_related_name = "contacts"

    def __str__(self):
        return self.name


class VendorCertification(VendorPart):
    """A certification (ISO 27001, COPC, PCI DSS ...) with its expiry; reminders go out before it lapses."""

    name = models.CharField(_("certification"), max_length=200)
    issuer = models.CharField(_("issuer"), max_length=200, blank=True)
    number = models.CharField(_("certificate number"), max_length=100, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    file = models.FileField(_("file"), upload_to=upload_to, blank=True, validators=[validate_upload])
    # The name the file was uploaded with (set by upload_to), offered again on download;
    # the stored name stays random. Empty for files uploaded before it was kept.
    original_name = models.CharField(_("original file name"), max_length=255, blank=True, editable=False)

    class Meta:
        verbose_name = _("certification")
        verbose_name_plural = _("certifications")
        ordering = ["vendor", "expires_on", "name"]
        default_related_name = "certifications"

    def __str__(self):
        return self.name

    def clean(self):
        # The expiry reminders and the registry's "expired" follow these dates: a certificate valid
        # from 2026 but expiring in 2020, or one of 1899, was saved as given.
        errors = date_range_errors(valid_from=self.valid_from, expires_on=self.expires_on)
        if not errors and self.valid_from and self.expires_on and self.expires_on < self.valid_from:
            errors["expires_on"] = _("The expiry date cannot be before the valid-from date.")
        if errors:
            raise ValidationError(errors)


class VendorDocument(VendorPart):
    """A document on file for the vendor (insurance, financial statements ...), with its expiry."""

    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=DocumentKind.choices, default=DocumentKind.OTHER)
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    file = models.FileField(_("file"), upload_to=upload_to, validators=[validate_upload])
    # The name the file was uploaded with (set by upload_to), offered again on download;
    # the stored name stays random. Empty for files uploaded before it was kept.
    original_name = models.CharField(_("original file name"), max_length=255, blank=True, editable=False)
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["vendor", "expires_on", "title"]
        default_related_name = "documents"

    def __str__(self):
        return self.title

    def clean(self):
        errors = date_range_errors(expires_on=self.expires_on)
        if errors:
            raise ValidationError(errors)


class VendorChangeRequest(VendorPart):
    """A vendor admin's proposed change to their own registry profile; staff approve or reject it."""

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    changes = models.JSONField(_("changes"), help_text=_("Field name -> proposed value."))
    status = models.CharField(
        _("status"), max_length=10, choices=ChangeRequestStatus.choices, default=ChangeRequestStatus.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)

    class Meta:
        verbose_name = _("profile change request")
        verbose_name_plural = _("profile change requests")
        ordering = ["-created_at", "-pk"]
        default_related_name = "change_requests"

    def __str__(self):
        return _("Change request %(pk)s of %(vendor)s") % {"pk": self.pk, "vendor": self.vendor}

    def get_absolute_url(self):
        return record_url("vendors:change_request_detail", self.pk)
