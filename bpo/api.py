"""The one DRF router: mounts each app's api/urls.py `routes` under /api/v1/."""

from importlib import import_module

from rest_framework.routers import DefaultRouter

API_APPS = ["strategy", "vendors"]

router = DefaultRouter()
router.include_format_suffixes = False  # one URL per resource: JSON, no .json twins
for app in API_APPS:
    for prefix, viewset, basename in import_module(f"{app}.api.urls").routes:
        router.register(prefix, viewset, basename=basename)

urlpatterns = router.urls
