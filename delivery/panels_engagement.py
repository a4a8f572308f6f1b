"""Home-page parts of engagement: the user's open action items (staff and portal), overdue
communications they own, support requests assigned to them or raised by their vendor."""

from bpo.core.dashboard import count_later, run_counts
from bpo.core.zones import is_before_today

from .choices_engagement import SUPPORT_ACTIVE, ActionItemStatus
from .models import ActionItem, Communication, SupportRequest

SHOWN = 5


def _flag_overdue(items) -> list:
    """The items, each with `is_overdue`: due before today in its program's time zone, as the
    action item list's overdue filter has it."""
    items = list(items)
    for item in items:
        item.is_overdue = is_before_today(item.due_date, item.program.time_zone)
    return items


def home_part(user):
    """The staff home: my open action items (overdue flagged), my overdue communications,
    the support requests assigned to me. Overdue: before today in the program's time zone."""
    items = (
        ActionItem.objects.filter(owner=user, status=ActionItemStatus.OPEN)
        .select_related("meeting", "program")
        .order_by("due_date", "pk")
    )
    item_list = _flag_overdue(items[: SHOWN + 1])
    comms = count_later(Communication.objects.visible_to(user).filter(owner=user).overdue())
    assigned = count_later(SupportRequest.objects.visible_to(user).filter(assignee=user, status__in=SUPPORT_ACTIVE))
    run_counts(comms, assigned)  # one query
    comms, assigned = comms.value, assigned.value
    if not item_list and not comms and not assigned:
        return None
    return {
        "template": "delivery/_engagement_home_part.html",
        "items": item_list[:SHOWN],
        "more_items": len(item_list) > SHOWN,
        "overdue_communications": comms,
        "assigned_requests": assigned,
    }


def portal_part(user):
    """The portal home: the vendor's open action items and its open support requests."""
    items = _flag_overdue(
        ActionItem.objects.visible_to(user)
        .filter(status=ActionItemStatus.OPEN)
        .select_related("owner", "program")
        .order_by("due_date", "pk")[: SHOWN + 1]
    )
    requests = SupportRequest.objects.visible_to(user).filter(status__in=SUPPORT_ACTIVE).count()
    if not items and not requests:
        return None
    return {
        "template": "portal/engagement/_home_part.html",
        "items": items[:SHOWN],
        "more_items": len(items) > SHOWN,
        "open_requests": requests,
    }
