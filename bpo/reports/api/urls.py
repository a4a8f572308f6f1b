from .views import ReportViewSet

# (prefix, viewset, basename): mounted under /api/v1/ by bpo/api.py
routes = [("reports", ReportViewSet, "report")]
