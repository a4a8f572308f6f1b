from ..quality.api import ROUTES as QUALITY_ROUTES
from ..scorecards.api import ScorecardViewSet
from .views import CreditViewSet, PeriodViewSet, ResultViewSet

# (prefix, viewset, basename): mounted under /api/v1/ by bpo/api.py
routes = [
    ("sla-periods", PeriodViewSet, "sla-period"),
    ("sla-results", ResultViewSet, "sla-result"),
    ("credits", CreditViewSet, "credit"),
    ("scorecards", ScorecardViewSet, "scorecard"),
]
# Quality standards, audits and reviews (performance/quality/api.py).
routes += QUALITY_ROUTES
# Continuous improvement: lessons learned and initiatives (performance/improvement/api.py).
from ..improvement.api import ROUTES as IMPROVEMENT_ROUTES  # noqa: E402

routes += IMPROVEMENT_ROUTES
