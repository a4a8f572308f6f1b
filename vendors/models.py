"""The vendor registry: service providers, prospective and active."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .choices import Tier, VendorStatus
from .querysets import VendorQuerySet


class Vendor(models.Model):
    """A service provider. Later issues add contacts, certifications and documents."""

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
        return reverse("vendors:vendor_detail", args=[self.pk])
