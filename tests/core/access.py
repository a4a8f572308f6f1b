"""Access matrix entries of the platform's notification and dashboard pages (merged by tests/test_access_matrix.py)."""

from tests.access import expect

EXPECT = {
    # A vendor user's own notification preferences; staff use their profile page.
    "portal:notification_preferences": (None, expect(302, 403, 200)),
    # A vendor user's own API tokens (admins and contributors alike); staff use their profile page.
    "portal:api_tokens": (None, expect(302, 403, 200)),
}
EXPECT.update(
    {
        # The API of the same: every signed-in user reads and changes only their own.
        "notification-preference-list": (None, expect(401, 200, 200)),
        "notification-preference-detail": (lambda c: {"event_category": "risk"}, expect(401, 200, 200)),
    }
)
EXPECT.update(
    {
        # The matches of a record picker (bpo/core/pickers.py): staff only, within their access.
        "core:pick": (lambda c: {"kind": "contract"}, expect(302, 200, 403)),
    }
)
