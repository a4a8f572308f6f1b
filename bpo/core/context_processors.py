"""Navigation by lifecycle stage and the bell's unread count, for every staff page."""

from functools import cached_property, lru_cache

from django.apps import apps
from django.conf import settings
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import get_script_prefix, get_urlconf
from django.utils import translation

from bpo.accounts.choices import Role
from bpo.core.links import url_of

from .models import Notification

# The lifecycle order of the stages in the menu.
STAGE_ORDER = ["strategy", "vendors", "contracts", "delivery", "performance", "risk"]
# Platform sub-apps with pages of their own, in the menu after the stages.
PLATFORM_MENUS = ["reports"]


# Menu entries shown only to the users who read at least one sourcing event (see reads_any_event).
EVENT_ENTRIES = frozenset({"vendors:event_list"})


def _staff_nav(hidden=frozenset()):
    """Each app's AppConfig lists its working pages in `nav_items` (label, url name); a stage
    appears in the menu only once one of its features works. URL names in `hidden` are left out."""
    nav = []
    for label in STAGE_ORDER + PLATFORM_MENUS:
        config = apps.get_app_config(label)
        items = [(t, u) for t, u in getattr(config, "nav_items", None) or [] if u not in hidden]
        if items:
            nav.append({"stage": config.verbose_name, "items": [{"label": t, "href": menu_href(u)} for t, u in items]})
    return nav


def reads_any_event(user) -> bool:
    """Whether a staff user may read some sourcing event, as SourcingEventQuerySet.visible_to
    grants it: administrators and executives always; program staff as before, through the
    programs they are a member of (no query: the pages' query counts stay as they were); finance
    and legal only through a program they are a member of (an evaluator membership included) or
    sponsor, one EXISTS query. They read no event by their role alone: without such a program the
    "Sourcing events" entry would open an empty list."""
    from bpo.accounts.choices import Role
    from strategy.models import Program
    from vendors.querysets import reads_every_event

    if reads_every_event(user) or user.role not in (Role.FINANCE, Role.LEGAL):
        return True
    return Program.objects.filter(Q(sponsor=user) | Q(memberships__user=user)).exists()


class _StaffMenu:
    """The staff menu's markup, decided when a page renders the layout (htmx fragments render
    without it and so cost no query)."""

    def __init__(self, user):
        self.user = user

    @cached_property
    def html(self) -> str:
        user = self.user
        return menu_html("staff", (user.is_administrator, reads_any_event(user)))

    def __str__(self):
        return self.html

    def __html__(self):
        return self.html


def menu_href(name: str) -> str:
    """A menu entry's link (a URL name without arguments), reversed once per URL configuration."""
    return url_of(name)


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


class _Unread:
    """The bell's count, read from the database only when a page shows the bell (not for the
    htmx fragments that render without the layout)."""

    def __init__(self, user):
        self.user = user

    @cached_property
    def count(self) -> int:
        return Notification.objects.visible_to(self.user).unread().count()


def menu_html(door: str, flag) -> str:
    """The menu's markup (staff, or the portal's): the same for every user of a language and door
    but for their flags (staff: an administrator's extra entry and whether they read any sourcing
    event; the portal: a vendor administrator's), so it is rendered
    once per process and URL configuration. Rendered every time under DEBUG, where templates change."""
    key = (door, flag, translation.get_language(), get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())
    return _render_menu(*key) if not settings.DEBUG else _render_menu.__wrapped__(*key)


@lru_cache(maxsize=64)
def _render_menu(door, flag, _language, _urlconf, _prefix):
    if door == "portal":
        from bpo.portal.urls import portal_nav

        return render_to_string("portal/_mainnav.html", {"portal_nav": portal_nav(), "is_vendor_admin": flag})
    is_administrator, reads_events = flag
    nav = _staff_nav(hidden=frozenset() if reads_events else EVENT_ENTRIES)
    return render_to_string("core/_mainnav.html", {"nav": nav, "is_administrator": is_administrator})


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    if user.is_vendor_user:
        return {"menu_html": menu_html("portal", user.role == Role.VENDOR_ADMIN)}
    return {"menu_html": _StaffMenu(user), "unread": _Unread(user)}
