"""Who may open the meeting, action item, communication, training and support pages and endpoints.

Merged into the access matrix through tests/delivery/access.py. The records belong to
program A; the action item is owned by a user of vendor X, the session has a vendor X
attendee and the support request was raised by a vendor X user, so vendor Y gets 404."""

from tests.access import CONTENT_READERS_OF_A, NOT_CONTENT_READERS_OF_A, expect, only

from .engagement_factories import (
    action_item_of_x,
    communication_of_a,
    course_of_a,
    meeting_of_a,
    session_of_a,
    support_request_of_x,
)

EDITORS_OF_A = ["admin", "manager", "contributor"]
CAN_CREATE = [*EDITORS_OF_A, "outsider"]  # the outsider manages program B
STAFF_LIST = expect(302, 200, 403)
READ_A = only(CONTENT_READERS_OF_A, **NOT_CONTENT_READERS_OF_A)
EDIT_A = only(EDITORS_OF_A, **NOT_CONTENT_READERS_OF_A)
POST_ONLY = expect(302, 405, 403)
PORTAL_LIST = expect(302, 403, 200)
PORTAL_OWN_X = expect(302, 403, 200, vendor_y_admin=404)
API_STAFF_LIST = expect(401, 200, 403)
API_STAFF_DETAIL = expect(401, 200, 403, **NOT_CONTENT_READERS_OF_A)
API_LIST = expect(401, 200, 200)
API_OWN_X = expect(401, 200, 200, **NOT_CONTENT_READERS_OF_A, vendor_y_admin=404)


def _meeting(c):
    return {"pk": meeting_of_a(c).pk}


def _item(c):
    return {"pk": action_item_of_x(c).pk}


def _comm(c):
    return {"pk": communication_of_a(c).pk}


def _course(c):
    return {"pk": course_of_a(c).pk}


def _session(c):
    return {"pk": session_of_a(c).pk}


def _request(c):
    return {"pk": support_request_of_x(c).pk}


EXPECT = {
    # Meetings and action items
    "delivery:meeting_list": (None, STAFF_LIST),
    "delivery:meeting_create": (None, only(CAN_CREATE)),
    "delivery:meeting_detail": (_meeting, READ_A),
    "delivery:meeting_update": (_meeting, EDIT_A),
    "delivery:action_item_create": (_meeting, EDIT_A),
    "delivery:action_item_list": (None, STAFF_LIST),
    "delivery:action_item_detail": (_item, READ_A),
    "delivery:action_item_update": (_item, EDIT_A),
    "delivery:action_item_close": (lambda c: {**_item(c), "action": "done"}, POST_ONLY),
    # The communication plan
    "delivery:communication_list": (None, STAFF_LIST),
    "delivery:communication_create": (None, only(CAN_CREATE)),
    "delivery:communication_detail": (_comm, READ_A),
    "delivery:communication_update": (_comm, EDIT_A),
    "delivery:communication_sent": (_comm, POST_ONLY),
    # Training
    "delivery:course_list": (None, STAFF_LIST),
    "delivery:course_create": (None, only(CAN_CREATE)),
    "delivery:course_detail": (_course, READ_A),
    "delivery:course_update": (_course, EDIT_A),
    "delivery:session_create": (_course, EDIT_A),
    "delivery:session_list": (None, STAFF_LIST),
    "delivery:session_detail": (_session, READ_A),
    "delivery:session_update": (_session, EDIT_A),
    "delivery:session_enrol": (_session, POST_ONLY),
    "delivery:session_attendance": (_session, POST_ONLY),
    "delivery:training_completion": (None, STAFF_LIST),
    # Support requests: any staff user who reads a program's records may raise one (program A's
    # evaluator reads none: an evaluator membership reads only the events they are assigned to;
    # finance and legal, members of no program, read every program's money or contracts only)
    "delivery:support_list": (None, STAFF_LIST),
    "delivery:support_create": (None, expect(302, 200, 403, evaluator=403, finance=403, legal=403)),
    "delivery:support_detail": (_request, READ_A),
    "delivery:support_update": (_request, EDIT_A),
    "delivery:support_move": (_request, POST_ONLY),
    # Portal: only the vendor's own records
    "portal:action_items": (None, PORTAL_LIST),
    "portal:action_item_detail": (_item, PORTAL_OWN_X),
    "portal:training": (None, PORTAL_LIST),
    "portal:training_session": (_session, PORTAL_OWN_X),
    "portal:support": (None, PORTAL_LIST),
    "portal:support_create": (None, PORTAL_LIST),
    "portal:support_detail": (_request, PORTAL_OWN_X),
    "portal:support_cancel": (_request, expect(302, 403, 405)),
    # API
    "meeting-list": (None, API_STAFF_LIST),
    "meeting-detail": (_meeting, API_STAFF_DETAIL),
    "action-item-list": (None, API_LIST),
    "action-item-detail": (_item, API_OWN_X),
    "action-item-complete": (_item, expect(401, 405, 405)),
    "communication-list": (None, API_STAFF_LIST),
    "communication-detail": (_comm, API_STAFF_DETAIL),
    "communication-mark-sent": (_comm, expect(401, 405, 403)),
    "course-list": (None, API_STAFF_LIST),
    "course-detail": (_course, API_STAFF_DETAIL),
    "training-session-list": (None, API_LIST),
    "training-session-detail": (_session, API_OWN_X),
    "support-request-list": (None, API_LIST),
    "support-request-detail": (_request, API_OWN_X),
    "support-request-transition": (_request, expect(401, 405, 405)),
}
