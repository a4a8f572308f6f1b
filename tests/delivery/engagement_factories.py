"""Records of meetings, training and support for the engagement tests and the access matrix."""

import datetime

from django.utils import timezone

from delivery import meetings, support, training
from tests.contracts.factories import ContractFactory, contract_of_a


def vendor_y_contract(cast):
    """Vendor Y also works on program B (its users may take part there, not in program A)."""
    existing = getattr(cast, "_contract_y", None)
    if existing is None:
        existing = cast._contract_y = ContractFactory(program=cast.program_b, vendor=cast.vendor_y, number="CB-1")
    return existing


def meeting_of_a(cast, **kwargs):
    contract_of_a(cast)
    data = {
        "kind": "weekly_ops",
        "title": "Weekly operations",
        "starts_at": timezone.make_aware(datetime.datetime(2026, 3, 2, 10, 0)),
        "agenda": "Backlog\nStaffing",
    }
    data.update(kwargs)
    return meetings.meeting_create(by=cast.manager, program=cast.program_a, **data)


def action_item_of_x(cast, meeting=None, **kwargs):
    meeting = meeting or meeting_of_a(cast)
    data = {"title": "Send the staffing plan", "owner": cast.vendor_x_user, "due_date": datetime.date(2026, 3, 9)}
    data.update(kwargs)
    return meetings.action_item_create(meeting=meeting, by=cast.manager, **data)


def communication_of_a(cast, **kwargs):
    data = {
        "audience": "Business owners",
        "content": "Service performance summary",
        "frequency": "monthly",
        "channel": "email",
        "owner": cast.manager,
        "last_sent_on": datetime.date(2026, 1, 31),
    }
    data.update(kwargs)
    return meetings.communication_create(by=cast.manager, program=cast.program_a, **data)


def course_of_a(cast, **kwargs):
    data = {"title": "Order-to-cash process", "category": "business_process", "pass_score": 70}
    data.update(kwargs)
    return training.course_create(by=cast.manager, program=cast.program_a, **data)


def session_of_a(cast, attendees=None, course=None, **kwargs):
    contract_of_a(cast)
    course = course or course_of_a(cast)
    data = {"starts_at": timezone.make_aware(datetime.datetime(2026, 3, 4, 9, 0)), "trainer": "Li Wei"}
    data.update(kwargs)
    if attendees is None:
        attendees = [cast.contributor, cast.vendor_x_user]
    return training.session_create(course=course, by=cast.manager, attendees=attendees, **data)


def support_request_of_x(cast, **kwargs):
    contract_of_a(cast)
    data = {
        "title": "Reset my CRM access",
        "description": "Locked out since Monday.",
        "category": "system_access",
        "priority": "high",
    }
    data.update(kwargs)
    return support.support_request_create(by=cast.vendor_x_user, program=cast.program_a, **data)
