"""Navigation by lifecycle stage and the bell's unread count, for every staff page."""

from django.apps import apps

from .models import Notification

# The lifecycle order of the stages in the menu.
STAGE_ORDER = ["strategy", "vendors", "contracts", "delivery", "performance", "risk"]


def _staff_nav():
    """Each app's AppConfig lists its working pages in `nav_items` (label, url name); a stage
    appears in the menu only once one of its features works."""
    nav = []
    for label in STAGE_ORDER:
        config = apps.get_app_config(label)
        items = getattr(config, "nav_items", None)
        if items:
            nav.append({"stage": config.verbose_name, "items": [{"label": t, "url": u} for t, u in items]})
    return nav


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "nav": _staff_nav() if not user.is_vendor_user else [],
        "unread_count": Notification.objects.visible_to(user).unread().count(),
    }
