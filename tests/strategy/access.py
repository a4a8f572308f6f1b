"""Who may open the program pages and endpoints (merged into tests/test_access_matrix.py)."""

from tests.access import PROGRAM_READERS_OF_A, expect, only

CAN_CREATE = ["admin", "manager", "outsider"]  # administrators and anyone who manages a program

EXPECT = {
    "strategy:program_list": (None, expect(302, 200, 403)),
    "strategy:program_create": (None, only(CAN_CREATE)),
    "strategy:program_detail": (lambda c: {"pk": c.program_a.pk}, only(PROGRAM_READERS_OF_A, outsider=404)),
    "strategy:program_update": (lambda c: {"pk": c.program_a.pk}, only(["admin", "manager"], outsider=404)),
    "program-list": (None, expect(401, 200, 403)),
    "program-detail": (lambda c: {"pk": c.program_a.pk}, expect(401, 200, 403, outsider=404)),
}
