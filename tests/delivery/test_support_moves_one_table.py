"""Support request moves follow one table (support.TRANSITIONS) for everyone: staff make any of
its moves, a vendor user only cancels its own request. A move outside the table is refused
with "cannot go from ... to ..."; a move of the table that is not the vendor's to make says
that only the program's staff make it (not that the request cannot go there)."""

import pytest
from django.core.exceptions import ValidationError

from delivery import support
from delivery.choices_engagement import SupportStatus

from .engagement_factories import support_request_of_x

pytestmark = pytest.mark.django_db


def _refused(**kwargs) -> list[str]:
    with pytest.raises(ValidationError) as exc:
        support.support_request_transition(**kwargs)
    return exc.value.messages


def test_a_vendor_is_told_that_only_staff_resolve(cast):
    req = support_request_of_x(cast)
    assert _refused(request=req, by=cast.vendor_x_user, to="resolved", resolution="x") == [
        "Only the program's staff move a request to Resolved."
    ]
    req.refresh_from_db()
    assert req.status == SupportStatus.OPEN
    assert support.support_request_transition(request=req, by=cast.vendor_x_user, to="cancelled").status == "cancelled"


def test_staff_and_vendor_moves_come_from_the_same_table(cast):
    req = support_request_of_x(cast)
    for status in SupportStatus:
        req.status = status
        staff = support.allowed_moves(cast.manager, req)
        vendor = support.allowed_moves(cast.vendor_x_user, req)
        assert staff == support.TRANSITIONS[status]
        assert set(vendor) <= set(staff) and set(vendor) <= set(support.VENDOR_MOVES)


def test_a_move_outside_the_table_is_refused_for_staff_too(cast):
    req = support_request_of_x(cast)
    req = support.support_request_transition(request=req, by=cast.manager, to="resolved", resolution="Reset")
    assert _refused(request=req, by=cast.manager, to="cancelled") == ["A request cannot go from Resolved to Cancelled."]


def test_a_request_at_its_end_is_told_by_the_table_not_a_permission_error(cast):
    """User test: reopening a cancelled request answered 403 "You do not have permission" to the
    program's manager, where every other move outside the table says why."""
    from django.core.exceptions import PermissionDenied

    req = support_request_of_x(cast)
    support.support_request_transition(request=req, by=cast.vendor_x_user, to="cancelled")
    assert _refused(request=req, by=cast.manager, to="open") == ["A request cannot go from Cancelled to Open."]
    with pytest.raises(PermissionDenied):  # someone who moves no request of the program
        support.support_request_transition(request=req, by=cast.viewer, to="open")
