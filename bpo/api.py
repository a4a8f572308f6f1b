"""The one DRF router: mounts the `routes` of each project app's api/urls.py under /api/v1/."""

from importlib import import_module
from importlib.util import find_spec
from pathlib import Path

from django.apps import apps
from django.conf import settings


def _project_apps():
    """The project's own apps (not third-party ones), in INSTALLED_APPS order."""
    for config in apps.get_app_configs():
        path = Path(config.path)
        if path.is_relative_to(settings.BASE_DIR) and ".venv" not in path.parts:
            yield config


def _build_router():
    from rest_framework.routers import DefaultRouter

    built = DefaultRouter()
    built.include_format_suffixes = False  # one URL per resource: JSON, no .json twins
    for config in _project_apps():
        package = find_spec(f"{config.name}.api")
        is_package = package is not None and package.submodule_search_locations is not None
        if is_package and find_spec(f"{config.name}.api.urls"):
            for prefix, viewset, basename in import_module(f"{config.name}.api.urls").routes:
                built.register(prefix, viewset, basename=basename)
    return built


router = _build_router()
urlpatterns = router.urls
