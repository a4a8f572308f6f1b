"""Portal pages of the risk stage (mounted by bpo/portal/urls.py). Views live in bpo/portal/views_risk.py."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views_risk

# The portal menu entries of this stage: (label, URL name). Shown to vendor users.
nav_items = [(_("Shared risks"), "portal:risk_list")]
urlpatterns = [
    path("risks/", views_risk.risk_list, name="risk_list"),
    path("risks/<int:pk>/", views_risk.risk_detail, name="risk_detail"),
]
