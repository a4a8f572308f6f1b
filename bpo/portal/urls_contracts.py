"""Portal pages of the contracts stage (mounted by bpo/portal/urls.py). Views live in bpo/portal/views_contracts.py."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views_contracts as views

# The portal menu entries of this stage: (label, URL name). Shown to vendor users.
nav_items = [(_("Contracts"), "portal:contract_list")]
urlpatterns = [
    path("contracts/", views.contract_list, name="contract_list"),
    path("contracts/<int:pk>/", views.contract_detail, name="contract_detail"),
    path("contracts/<int:pk>/changes/new/", views.change_create, name="contract_change_create"),
    path("contracts/<int:pk>/disputes/new/", views.dispute_create, name="contract_dispute_create"),
    path("obligations/<int:pk>/evidence/", views.obligation_evidence, name="obligation_evidence"),
    path("documents/<int:pk>/download/", views.document_download, name="contract_document_download"),
]
