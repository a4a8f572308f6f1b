from . import views

# (prefix, viewset, basename): mounted under /api/v1/ by bpo/api.py
routes = [
    ("risks", views.RiskViewSet, "risk"),
    ("risk-reviews", views.RiskReviewViewSet, "risk-review"),
    ("contingency-plans", views.PlanViewSet, "contingency-plan"),
    ("drills", views.DrillViewSet, "drill"),
    ("incidents", views.IncidentViewSet, "incident"),
    ("corrective-actions", views.CorrectiveActionViewSet, "corrective-action"),
]
