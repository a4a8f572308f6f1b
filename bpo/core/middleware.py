"""Two doors: staff and vendor users never cross into each other's side, and each user's language."""

from django.shortcuts import redirect, render
from django.utils import translation

# Paths a signed-in vendor user may reach outside /portal/: assets, the API (scoped per
# endpoint), the language switch and the health probe.
VENDOR_ALLOWED_PREFIXES = ("/portal/", "/static/", "/api/", "/i18n/", "/healthz")
# Paths a signed-in staff user may reach inside /portal/: its login page (which refuses them).
STAFF_ALLOWED_PORTAL = ("/portal/login/", "/portal/logout/", "/portal/invite/")


class UserLanguageMiddleware:
    """Shows a signed-in user the language they chose, on every device."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.language:
            translation.activate(user.language)
            request.LANGUAGE_CODE = translation.get_language()
        return self.get_response(request)


class DoorMiddleware:
    """Refuses a vendor user anywhere on the staff side (and /admin/) and a staff user in the portal."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            path = request.path_info
            in_portal = path.startswith("/portal/")
            if user.is_vendor_user and path == "/":
                return redirect("portal:home")  # the site root of a vendor user is their portal
            if user.is_vendor_user and not path.startswith(VENDOR_ALLOWED_PREFIXES):
                return render(request, "403.html", {"door": "portal"}, status=403)
            if not user.is_vendor_user and in_portal and not path.startswith(STAFF_ALLOWED_PORTAL):
                return render(request, "403.html", {"door": "staff"}, status=403)
        return self.get_response(request)


class HomeFiguresMiddleware:
    """After a signed-in user changes something (any successful POST, PUT, PATCH or DELETE, on a
    page, the portal or the API), their cached home figures (the staff home's or the portal
    home's) are dropped, so the home page they come back to shows their own change at once.
    Others' changes show within HOME_CACHE_SECONDS."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method in ("POST", "PUT", "PATCH", "DELETE") and response.status_code < 400:
            user = getattr(request, "user", None)
            if user is not None and user.is_authenticated:
                from django.conf import settings

                if settings.HOME_CACHE_SECONDS:
                    from .home_cache import forget_home_figures

                    forget_home_figures(user.pk)
        return response
