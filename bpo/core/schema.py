"""The OpenAPI schema view."""

from django.utils import translation
from drf_spectacular.views import SpectacularAPIView
from rest_framework.response import Response


class CachedSchemaView(SpectacularAPIView):
    """The OpenAPI schema, generated once per process and language.

    The schema is public and the same for every caller (SERVE_PUBLIC), but generating it
    walks every endpoint: doing that on each request would make it the slowest page of
    the site and an easy way to load the server.
    """

    _cache: dict = {}

    def _get_schema_response(self, request):
        version = self.api_version or request.version or self._get_version_parameter(request)
        key = (translation.get_language(), version)
        if key not in self._cache:
            generator = self.generator_class(urlconf=self.urlconf, api_version=version, patterns=self.patterns)
            self._cache[key] = generator.get_schema(request=request, public=self.serve_public)
        return Response(
            data=self._cache[key],
            headers={"Content-Disposition": f'inline; filename="{self._get_filename(request, version)}"'},
        )
