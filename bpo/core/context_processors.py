"""Navigation by lifecycle stage and the bell's unread count, for every staff page."""

from functools import lru_cache

from django.apps import apps
from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

from .models import Notification

# The lifecycle order of the stages in the menu.
STAGE_ORDER = ["strategy", "vendors", "contracts", "delivery", "performance", "risk"]
# Platform sub-apps with pages of their own, in the menu after the stages.
PLATFORM_MENUS = ["reports"]


def _staff_nav():
    """Each app's AppConfig lists its working pages in `nav_items` (label, url name); a stage
    appears in the menu only once one of its features works."""
    nav = []
    for label in STAGE_ORDER + PLATFORM_MENUS:
        config = apps.get_app_config(label)
        items = getattr(config, "nav_items", None)
        if items:
            nav.append({"stage": config.verbose_name, "items": [{"label": t, "href": menu_href(u)} for t, u in items]})
    return nav


def menu_href(name: str) -> str:
    """A menu entry's link (a URL name without arguments), reversed once per URL configuration."""
    return _menu_href(name, get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())


@lru_cache(maxsize=256)
def _menu_href(name, _urlconf, _prefix):
    return reverse(name)


def home_panels(user, attr: str) -> list[dict]:
    """Panels that the lifecycle apps add to a home page.

    An AppConfig may define `home_panel` (a template name) and `home_context(user) -> dict`
    for the staff home, and `portal_panel` / `portal_context(user)` for the portal home.
    A panel whose context is None is not shown.
    """
    panels = []
    for label in STAGE_ORDER:
        config = apps.get_app_config(label)
        template = getattr(config, f"{attr}_panel", None)
        if template:
            context = getattr(config, f"{attr}_context")(user)
            if context is not None:
                panels.append({"template": template, **context})
    return panels


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    if user.is_vendor_user:
        from bpo.portal.urls import portal_nav

        return {"portal_nav": portal_nav()}
    return {
        "nav": _staff_nav(),
        "unread_count": Notification.objects.visible_to(user).unread().count(),
    }
