"""A training session is held only once its date has come (in the program's time zone):
attendance is not recorded for a future session (it would mark it held and count it in the
completion rates), and the edit form refuses status "held" with a future date. A refused
attendance form is shown again (400) with what was typed and each error once, next to its
row (or above the table for the session's own refusal)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from delivery import training
from delivery.models import Attendance

from .engagement_factories import session_of_a

pytestmark = pytest.mark.django_db

NOT_YET = "This session has not taken place yet: record its attendance from its date on."
HELD_TOO_EARLY = "A session is held only once its date has come."


@pytest.fixture
def future(cast):
    return session_of_a(cast, starts_at=timezone.now() + datetime.timedelta(days=10))


def test_attendance_of_a_future_session_is_refused_and_it_stays_scheduled(cast, client, future):
    rows = {a.user_id: a.pk for a in future.attendances.all()}
    client.force_login(cast.manager)
    response = client.post(
        reverse("delivery:session_attendance", args=[future.pk]),
        {f"attended_{rows[cast.contributor.pk]}": "yes", f"score_{rows[cast.contributor.pk]}": "85"},
    )
    page = response.content.decode()
    assert response.status_code == 400 and page.count(NOT_YET) == 1
    assert 'value="85"' in page
    future.refresh_from_db()
    assert future.status == "scheduled"
    assert not Attendance.objects.filter(session=future, attended=True).exists()
    assert training.completion_rates(Attendance.objects.all()) == []


def test_the_edit_form_refuses_held_for_a_future_date(cast, client, future):
    client.force_login(cast.manager)
    starts = timezone.localtime(future.starts_at).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        reverse("delivery:session_update", args=[future.pk]),
        {"starts_at": starts, "trainer": "Typed trainer", "status": "held"},
    )
    assert response.status_code in (200, 400)
    assert response.context["form"].errors["status"] == [HELD_TOO_EARLY]
    assert "Typed trainer" in response.content.decode()
    future.refresh_from_db()
    assert future.status == "scheduled" and future.trainer == "Li Wei"


def test_a_refused_row_keeps_what_was_typed_and_shows_its_error_once_next_to_it(cast, client):
    session = session_of_a(cast)  # 4 March 2026: past
    rows = {a.user_id: a.pk for a in session.attendances.all()}
    mine, theirs = rows[cast.contributor.pk], rows[cast.vendor_x_user.pk]
    client.force_login(cast.manager)
    response = client.post(
        reverse("delivery:session_attendance", args=[session.pk]),
        {f"attended_{mine}": "no", f"score_{mine}": "50", f"attended_{theirs}": "yes", f"score_{theirs}": "77"},
    )
    page = response.content.decode()
    error = f"{cast.contributor}: only an attendee who came has a score."
    assert response.status_code == 400 and page.count(error) == 1
    assert f'id="att-err-{mine}"' in page and 'value="50"' in page and 'value="77"' in page
    assert not Attendance.objects.filter(session=session, attended__isnull=False).exists()
    # and once corrected, recorded: the session is held
    response = client.post(
        reverse("delivery:session_attendance", args=[session.pk]),
        {f"attended_{mine}": "yes", f"score_{mine}": "50", f"attended_{theirs}": "yes", f"score_{theirs}": "77"},
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.status == "held"


@pytest.mark.parametrize("typed", ["1e1", "5E+1", "NaN", "sNaN", "9_9"])
def test_a_score_not_in_plain_digits_is_refused_next_to_its_row(cast, client, typed):
    """User test: "1e1" was saved as 10.00 and "NaN" answered 500."""
    session = session_of_a(cast)
    rows = {a.user_id: a.pk for a in session.attendances.all()}
    mine = rows[cast.contributor.pk]
    client.force_login(cast.manager)
    response = client.post(
        reverse("delivery:session_attendance", args=[session.pk]), {f"attended_{mine}": "yes", f"score_{mine}": typed}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert page.count(f"{cast.contributor}: the score is not a number.") == 1
    assert not Attendance.objects.filter(session=session, attended__isnull=False).exists()


def test_a_session_with_recorded_attendance_cannot_go_back_to_scheduled(cast):
    """User test: a held session with its attendees marked was set back to Scheduled on a date to
    come and showed attendance for a future session."""
    from django.core.exceptions import ValidationError

    session = session_of_a(cast)  # 4 March 2026: past
    mine = session.attendances.get(user=cast.contributor).pk
    training.attendance_record(session=session, by=cast.manager, rows={mine: (True, None)})
    session.refresh_from_db()
    assert session.status == "held"
    later = timezone.now() + datetime.timedelta(days=30)
    with pytest.raises(ValidationError) as exc:
        training.session_update(session=session, by=cast.manager, status="scheduled", starts_at=later)
    assert list(exc.value.message_dict) == ["status"]
    session.refresh_from_db()
    assert session.status == "held" and session.starts_at < timezone.now()
    # Without recorded attendance it may be rescheduled.
    training.attendance_record(session=session, by=cast.manager, rows={mine: (None, None)})
    training.session_update(session=session, by=cast.manager, status="scheduled", starts_at=later)
    session.refresh_from_db()
    assert session.status == "scheduled"
