from .views import SampleViewSet
from .views_cost import InvoiceViewSet

# (prefix, viewset, basename): mounted under /api/v1/ by bpo/api.py
routes = [("samples", SampleViewSet, "sample"), ("invoices", InvoiceViewSet, "invoice")]

# Meetings, action items, communications, training and support (helper "engagement").
from .views_engagement import ENGAGEMENT_ROUTES  # noqa: E402

routes += ENGAGEMENT_ROUTES

# The implementation plan, the transition checklist and the status reports (helper "plan").
from .views_plan import StatusReportViewSet, TaskViewSet, TransitionItemViewSet, WorkPackageViewSet  # noqa: E402

routes += [
    ("work-packages", WorkPackageViewSet, "work-package"),
    ("plan-tasks", TaskViewSet, "plan-task"),
    ("transition-items", TransitionItemViewSet, "transition-item"),
    ("status-reports", StatusReportViewSet, "status-report"),
]
