from .views import ProgramViewSet

# (prefix, viewset, basename): mounted under /api/v1/ by bpo/api.py
routes = [("programs", ProgramViewSet, "program")]
