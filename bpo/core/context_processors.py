"""Navigation by lifecycle stage and the bell's unread count, for every staff page."""

from django.utils.translation import gettext_lazy as _

from .models import Notification

# A stage appears in the menu when a feature of it works: later issues add theirs here.
NAV = [
    {"stage": _("Strategy"), "items": [{"label": _("Programs"), "url": "strategy:program_list"}]},
    {"stage": _("Vendors"), "items": [{"label": _("Vendor registry"), "url": "vendors:vendor_list"}]},
]


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "nav": NAV if not user.is_vendor_user else [],
        "unread_count": Notification.objects.visible_to(user).unread().count(),
    }
