"""Who may open the vendor registry pages and endpoints (merged into tests/test_access_matrix.py)."""

from tests.access import expect, only

CAN_CREATE = ["admin", "manager", "outsider"]  # administrators and anyone who manages a program

EXPECT = {
    "vendors:vendor_list": (None, expect(302, 200, 403)),
    "vendors:vendor_create": (None, only(CAN_CREATE)),
    "vendors:vendor_detail": (lambda c: {"pk": c.vendor_x.pk}, expect(302, 200, 403)),
    "vendors:vendor_update": (lambda c: {"pk": c.vendor_x.pk}, only(CAN_CREATE)),
    "vendor-list": (None, expect(401, 200, 200)),
    "vendor-detail": (lambda c: {"pk": c.vendor_x.pk}, expect(401, 200, 200, vendor_y_admin=404)),
}
