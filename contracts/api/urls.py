from .views import (
    ChangeRequestViewSet,
    ContractViewSet,
    DisputeViewSet,
    ObligationViewSet,
    RateCardLineViewSet,
    ServiceLevelViewSet,
)

# (prefix, viewset, basename): mounted under /api/v1/ by bpo/api.py
routes = [
    ("contracts", ContractViewSet, "contract"),
    ("service-levels", ServiceLevelViewSet, "service-level"),
    ("obligations", ObligationViewSet, "obligation"),
    ("change-requests", ChangeRequestViewSet, "change-request"),
    ("disputes", DisputeViewSet, "dispute"),
    ("rate-card-lines", RateCardLineViewSet, "rate-card-line"),
]
