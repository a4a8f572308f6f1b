"""Home-page parts of engagement: the user's open action items (staff and portal), overdue
communications they own, support requests assigned to them or raised by their vendor."""

from django.utils import timezone

from bpo.core.dashboard import count_later, run_counts

from .choices_engagement import SUPPORT_ACTIVE, ActionItemStatus
from .models import ActionItem, Communication, SupportRequest

SHOWN = 5


def home_part(user):
    """The staff home: my open action items (overdue flagged), my overdue communications,
    the support requests assigned to me."""
    today = timezone.localdate()
    items = (
        ActionItem.objects.filter(owner=user, status=ActionItemStatus.OPEN)
        .select_related("meeting")
        .order_by("due_date", "pk")
    )
    item_list = list(items[: SHOWN + 1])
    comms = count_later(Communication.objects.visible_to(user).filter(owner=user).overdue(today))
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
        "today": today,
    }


def portal_part(user):
    """The portal home: the vendor's open action items and its open support requests."""
    today = timezone.localdate()
    items = list(
        ActionItem.objects.visible_to(user)
        .filter(status=ActionItemStatus.OPEN)
        .select_related("owner")
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
        "today": today,
    }
