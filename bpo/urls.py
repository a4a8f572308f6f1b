from importlib.util import find_spec

from csp.constants import SELF, UNSAFE_INLINE
from csp.decorators import csp_update
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularSwaggerSplitView

from bpo.core import views as core_views
from bpo.core.schema import CachedSchemaView

# Swagger UI styles its widgets with style attributes; allow that on the docs page only.
swagger = csp_update({"style-src": [SELF, UNSAFE_INLINE]})(SpectacularSwaggerSplitView.as_view(url_name="schema"))

# Each lifecycle stage's pages, mounted once its urls.py exists (so stages land independently).
STAGE_PREFIXES = [
    ("strategy", "strategy/"),
    ("vendors", ""),
    ("contracts", ""),
    ("delivery", ""),
    ("performance", ""),
    ("risk", "risk/"),
]

urlpatterns = [
    path("", include("bpo.core.urls")),
    path("accounts/", include("bpo.accounts.urls")),
    path("portal/", include("bpo.portal.urls")),
    path("reports/", include("bpo.reports.urls")),
    *[path(prefix, include(f"{stage}.urls")) for stage, prefix in STAGE_PREFIXES if find_spec(f"{stage}.urls")],
    path("i18n/language/", core_views.set_language, name="set_language"),
    path("healthz", core_views.healthz, name="healthz"),
    path("api/v1/", include("bpo.api")),
    path("api/schema/", CachedSchemaView.as_view(), name="schema"),
    path("api/docs/", swagger, name="swagger-ui"),
    path("admin/", admin.site.urls),
]

handler400 = "bpo.core.views.bad_request"
handler403 = "bpo.core.views.permission_denied"
handler404 = "bpo.core.views.page_not_found"
