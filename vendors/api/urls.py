from .views import VendorViewSet

# (prefix, viewset, basename): mounted under /api/v1/ by bpo/api.py
routes = [("vendors", VendorViewSet, "vendor")]
