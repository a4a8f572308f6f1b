from django.urls import path

from . import views
from .insight import views as insight
from .scorecards import views as scorecards

app_name = "performance"
urlpatterns = [
    path("contracts/<int:pk>/service-levels/", views.contract_dashboard, name="dashboard"),
    path("contracts/<int:pk>/service-levels/evaluate/", views.contract_evaluate, name="evaluate"),
    path("periods/<int:pk>/reopen/", views.period_reopen, name="period_reopen"),
    path("credits/", views.CreditListView.as_view(), name="credit_list"),
    path("scorecards/", scorecards.ScorecardListView.as_view(), name="scorecard_list"),
    path("scorecards/<int:pk>/", scorecards.scorecard_detail, name="scorecard_detail"),
    path("scorecards/<int:pk>/review/", scorecards.scorecard_review, name="scorecard_review"),
    path("periods/<int:pk>/scorecard/", scorecards.scorecard_draft, name="scorecard_draft"),
    path("scorecard-disputes/<int:pk>/resolve/", scorecards.dispute_resolve, name="dispute_resolve"),
    path("vendors/<int:pk>/performance/", insight.vendor_performance_page, name="vendor_performance"),
]

# Quality standards, audits and reviews (performance/quality/urls.py).
from .quality.urls import urlpatterns as quality_urlpatterns  # noqa: E402

urlpatterns += quality_urlpatterns

# Continuous improvement: initiatives and lessons learned (performance/improvement/urls.py).
from .improvement.urls import urlpatterns as improvement_urlpatterns  # noqa: E402

urlpatterns += improvement_urlpatterns
