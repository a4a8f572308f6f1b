from .views import ContractViewSet, ServiceLevelViewSet

# (prefix, viewset, basename): mounted under /api/v1/ by bpo/api.py
routes = [
    ("contracts", ContractViewSet, "contract"),
    ("service-levels", ServiceLevelViewSet, "service-level"),
]
