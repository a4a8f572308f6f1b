from .views import SampleViewSet

# (prefix, viewset, basename): mounted under /api/v1/ by bpo/api.py
routes = [("samples", SampleViewSet, "sample")]
