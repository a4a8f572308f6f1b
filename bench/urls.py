"""The project's URLs plus /bench/floor/: a trivial view through the same middleware (sessions,
authentication, CSP, locale ...) and no query of its own: the framework's floor."""

from django.http import HttpResponse
from django.urls import path

from bpo.urls import handler403, handler404, urlpatterns  # noqa: F401


def floor(request):
    """The cheapest page Django can serve with this project's middleware."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/floor/", floor), *urlpatterns]
