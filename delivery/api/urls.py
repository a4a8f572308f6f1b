from .views import SampleViewSet
from .views_cost import InvoiceViewSet

# (prefix, viewset, basename): mounted under /api/v1/ by bpo/api.py
routes = [("samples", SampleViewSet, "sample"), ("invoices", InvoiceViewSet, "invoice")]
