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
    # The schema as sent (about 1.2 MB of YAML or JSON: rendering it took seconds), per
    # language, version and media type.
    _rendered: dict = {}

    def _get_schema_response(self, request):
        version = self.api_version or request.version or self._get_version_parameter(request)
        key = (translation.get_language(), version)
        self._key = key
        if key not in self._cache:
            generator = self.generator_class(urlconf=self.urlconf, api_version=version, patterns=self.patterns)
            self._cache[key] = generator.get_schema(request=request, public=self.serve_public)
        return Response(
            data=self._cache[key],
            headers={"Content-Disposition": f'inline; filename="{self._get_filename(request, version)}"'},
        )

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        key = getattr(self, "_key", None)
        if response.status_code != 200 or key is None:
            return response
        key = (*key, response.accepted_media_type)
        rendered = self._rendered.get(key)
        if rendered is None:
            response.render()
            self._rendered[key] = (response.content, response["Content-Type"])
        else:
            response.content, response["Content-Type"] = rendered  # setting content marks it rendered
        return response
