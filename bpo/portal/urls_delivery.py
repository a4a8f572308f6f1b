"""Portal pages of the delivery stage (mounted by bpo/portal/urls.py). Views live in bpo/portal/views_delivery.py."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views_delivery as views

# The portal menu entries of this stage: (label, URL name). Shown to vendor users.
nav_items = [(_("Measurements"), "portal:measurements"), (_("Invoices"), "portal:invoices")]
urlpatterns = [
    path("measurements/", views.measurements, name="measurements"),
    path("measurements/<int:pk>/", views.measurement_contract, name="measurement_contract"),
    path("measurements/<int:pk>/template.csv", views.measurement_template, name="measurement_template"),
    path("invoices/", views.invoices, name="invoices"),
    path("invoices/new/<int:pk>/", views.invoice_create, name="invoice_create"),
    path("invoices/<int:pk>/", views.invoice_detail, name="invoice_detail"),
]
