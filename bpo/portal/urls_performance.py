"""Portal pages of the performance stage (mounted by bpo/portal/urls.py). Views live in bpo/portal/views_performance.py."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views_insight
from . import views_performance as views

# The portal menu entries of this stage: (label, URL name). Shown to vendor users.
nav_items = [(_("Scorecards"), "portal:scorecard_list"), (_("Performance"), "portal:vendor_performance")]
urlpatterns = [
    path("contracts/<int:pk>/service-levels/", views.dashboard, name="performance_dashboard"),
    path("scorecards/", views.scorecard_list, name="scorecard_list"),
    path("scorecards/<int:pk>/", views.scorecard_detail, name="scorecard_detail"),
    path("scorecards/<int:pk>/acknowledge/", views.scorecard_acknowledge, name="scorecard_acknowledge"),
    path("scorecards/<int:pk>/dispute/", views.scorecard_dispute, name="scorecard_dispute"),
    path("performance/", views_insight.vendor_performance, name="vendor_performance"),
]
