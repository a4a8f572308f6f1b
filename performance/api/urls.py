from ..scorecards.api import ScorecardViewSet
from .views import CreditViewSet, PeriodViewSet, ResultViewSet

# (prefix, viewset, basename): mounted under /api/v1/ by bpo/api.py
routes = [
    ("sla-periods", PeriodViewSet, "sla-period"),
    ("sla-results", ResultViewSet, "sla-result"),
    ("credits", CreditViewSet, "credit"),
    ("scorecards", ScorecardViewSet, "scorecard"),
]
