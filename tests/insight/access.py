"""Who may open the vendor performance pages, improvement initiatives and lessons learned
(merged into tests/test_access_matrix.py)."""

from tests.access import expect

EXPECT = {
    # Staff read any vendor's page (the registry is shared); its figures are limited to their programs.
    "performance:vendor_performance": (lambda c: {"pk": c.vendor_x.pk}, expect(302, 200, 403)),
    # A vendor's own performance in the portal (no quadrant of other vendors there).
    "portal:vendor_performance": (None, expect(302, 403, 200)),
}
