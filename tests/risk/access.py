"""Who may open the risk pages and endpoints (merged into tests/test_access_matrix.py).

The records are program A's (tests/risk/records.py): its members read them; its managers
and contributors change them; finance, legal and executives read across programs; the
outsider (manager of program B) gets 404. Vendor users only reach the portal's shared risks.
"""

from tests.access import CONTENT_READERS_OF_A, NOT_CONTENT_READERS_OF_A, expect, only

from .records import pk_of

# Administrators, and managers or contributors of some program (the outsider manages B).
CAN_CREATE = ["admin", "manager", "contributor", "outsider"]
EDITORS_OF_A = ["admin", "manager", "contributor"]
LIST = expect(302, 200, 403)
POST_ONLY = expect(302, 405, 403)


def readers(key):
    return (pk_of(key), only(CONTENT_READERS_OF_A, **NOT_CONTENT_READERS_OF_A))


def editors(key):
    return (pk_of(key), only(EDITORS_OF_A, **NOT_CONTENT_READERS_OF_A))


def api_detail(key):
    return (pk_of(key), expect(401, 200, 403, **NOT_CONTENT_READERS_OF_A))


EXPECT = {
    "risk:risk_list": (None, LIST),
    "risk:risk_create": (None, only(CAN_CREATE)),
    "risk:risk_detail": readers("risk"),
    "risk:risk_update": editors("risk"),
    "risk:risk_assess": editors("risk"),
    "risk:kri_create": editors("risk"),
    "risk:risk_action_create": editors("risk"),
    "risk:kri_reading": editors("kri"),
    "risk:heat_map": (None, LIST),
    "risk:plan_list": (None, LIST),
    "risk:plan_create": (None, only(CAN_CREATE)),
    "risk:plan_detail": readers("plan"),
    "risk:plan_update": editors("plan"),
    "risk:plan_steps": editors("plan"),
    "risk:drill_create": editors("plan"),
    "risk:drill_list": (None, LIST),
    "risk:drill_detail": readers("drill"),
    "risk:drill_run": editors("drill"),
    "risk:drill_cancel": (pk_of("drill"), POST_ONLY),
    "risk:finding_action": editors("finding"),
    "risk:incident_list": (None, LIST),
    "risk:incident_create": (None, only(CAN_CREATE)),
    "risk:incident_detail": readers("incident"),
    "risk:incident_update": editors("incident"),
    "risk:incident_add_event": (pk_of("incident"), POST_ONLY),
    "risk:incident_activate": (pk_of("incident"), POST_ONLY),
    "risk:incident_review": editors("incident"),
    "risk:incident_action_create": editors("incident"),
    "risk:checklist_done": (pk_of("item"), POST_ONLY),
    "risk:action_list": (None, LIST),
    "risk:action_detail": readers("staff_action"),
    "risk:action_update": editors("staff_action"),
    "risk:action_transition": (pk_of("staff_action"), POST_ONLY),
    # The portal: vendor X sees the risk shared with it; vendor Y gets 404; staff meet the door.
    "portal:risk_list": (None, expect(302, 403, 200)),
    "portal:risk_detail": (pk_of("risk"), expect(302, 403, 200, vendor_y_admin=404)),
    # The API: staff only; records of program A are 404 to the outsider.
    "risk-list": (None, expect(401, 200, 403)),
    "risk-detail": api_detail("risk"),
    # POST-only: a GET is refused after authentication and the staff-only door.
    "risk-assess": (pk_of("risk"), expect(401, 405, 403)),
    "risk-review-list": (None, expect(401, 200, 403)),
    "risk-review-detail": api_detail("review"),
    "contingency-plan-list": (None, expect(401, 200, 403)),
    "contingency-plan-detail": api_detail("plan"),
    "drill-list": (None, expect(401, 200, 403)),
    "drill-detail": api_detail("drill"),
    "incident-list": (None, expect(401, 200, 403)),
    "incident-detail": api_detail("incident"),
    "corrective-action-list": (None, expect(401, 200, 403)),
    "corrective-action-detail": api_detail("staff_action"),
}
