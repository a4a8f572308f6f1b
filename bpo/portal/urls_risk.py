"""Portal pages of the risk stage (mounted by bpo/portal/urls.py). Views live in bpo/portal/views_risk.py."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views_quality, views_risk

# The portal menu entries of this stage: (label, URL name). Shown to vendor users.
# Corrective actions (issue 6's CAPA, the risk app's model) live here: the portal loader has no quality stage.
nav_items = [(_("Shared risks"), "portal:risk_list"), (_("Corrective actions"), "portal:capa_list")]
urlpatterns = [
    path("risks/", views_risk.risk_list, name="risk_list"),
    path("risks/<int:pk>/", views_risk.risk_detail, name="risk_detail"),
    path("corrective-actions/", views_quality.capa_list, name="capa_list"),
    path("corrective-actions/<int:pk>/", views_quality.capa_detail, name="capa_detail"),
    path("corrective-actions/<int:pk>/progress/", views_quality.capa_progress, name="capa_progress"),
]
