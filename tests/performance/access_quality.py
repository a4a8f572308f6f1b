"""Who may open the quality pages, endpoints and the portal's corrective actions (merged into
tests/test_access_matrix.py through tests/performance/access.py).

Quality records are program A's: its members read them, its managers and contributors change
them, global roles read them, the outsider (manager of program B) gets 404. Vendor users only
reach the portal's corrective actions assigned to their vendor: vendor Y gets 404 on vendor X's.
"""

from datetime import date

from tests.access import CONTENT_READERS_OF_A, NOT_CONTENT_READERS_OF_A, expect, only

CAN_CREATE = ["admin", "manager", "contributor", "outsider"]
EDITORS_OF_A = ["admin", "manager", "contributor"]
LIST = expect(302, 200, 403)


def quality_world(cast):
    """A standard of program A, a failed audit of vendor X's contract (its proposed CAPA, then
    assigned to vendor X and opened), and a quality review; built once per cast."""
    world = getattr(cast, "_quality_world", None)
    if world is not None:
        return world
    from performance.quality import services
    from risk import services as risk_services
    from risk.models import CorrectiveAction
    from tests.performance.quality_helpers import audit, standard

    std = standard(cast)
    failed = audit(cast, std, sample=100, defects=5)
    action = CorrectiveAction.objects.get(audit=failed)
    risk_services.action_update(action=action, by=cast.manager, owner=cast.vendor_x_user)
    risk_services.action_transition(action=action, to="open", by=cast.manager)
    review = services.review_create(
        by=cast.manager,
        program=cast.program_a,
        title="January quality review",
        period_start=date(2026, 1, 1),
        period_end=date(2026, 1, 31),
        held_on=date(2026, 2, 5),
        rating="concerns",
        findings="VAT codes wrong\nLate corrections",
    )
    world = {"standard": std, "audit": failed, "action": action, "review": review}
    cast._quality_world = world
    return world


def pk_of(key):
    return lambda c: {"pk": quality_world(c)[key].pk}


def readers(key):
    return (pk_of(key), only(CONTENT_READERS_OF_A, **NOT_CONTENT_READERS_OF_A))


def editors(key):
    return (pk_of(key), only(EDITORS_OF_A, **NOT_CONTENT_READERS_OF_A))


def api_detail(key):
    return (pk_of(key), expect(401, 200, 403, **NOT_CONTENT_READERS_OF_A))


EXPECT = {
    "performance:quality_standard_list": (None, LIST),
    "performance:quality_standard_create": (None, only(CAN_CREATE)),
    "performance:quality_standard_detail": readers("standard"),
    "performance:quality_standard_update": editors("standard"),
    "performance:quality_audit_list": (None, LIST),
    "performance:quality_audit_create": (None, only(CAN_CREATE)),
    "performance:quality_audit_detail": readers("audit"),
    "performance:quality_audit_update": editors("audit"),
    "performance:quality_review_list": (None, LIST),
    "performance:quality_review_create": (None, only(CAN_CREATE)),
    "performance:quality_review_detail": readers("review"),
    "performance:quality_review_update": editors("review"),
    "performance:quality_review_action": editors("review"),
    "performance:quality_complaint_action": (None, only(CAN_CREATE)),
    "quality-standard-list": (None, expect(401, 200, 403)),
    "quality-standard-detail": api_detail("standard"),
    "quality-audit-list": (None, expect(401, 200, 403)),
    "quality-audit-detail": api_detail("audit"),
    "quality-review-list": (None, expect(401, 200, 403)),
    "quality-review-detail": api_detail("review"),
    # The portal: vendor X works on its action; vendor Y gets 404; staff meet the door.
    "portal:capa_list": (None, expect(302, 403, 200)),
    "portal:capa_detail": (pk_of("action"), expect(302, 403, 200, vendor_y_admin=404)),
    "portal:capa_progress": (pk_of("action"), expect(302, 403, 405)),
}
