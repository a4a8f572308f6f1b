"""A training session's attendees may see it: staff who may see the program
(risk.selectors.program_staff, as a meeting's attendees), or users of a vendor with a contract in
the program. An evaluator-only member of program A, a manager of program B only, or a user of
vendor Y (a contract in program B only) is not offered, is refused on the page (scheduling a
session, enrolling) and by the service, nothing saved. An older session keeps its attendees.

The API reads sessions only (`/api/v1/training-sessions/`): it enrols nobody."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from delivery import training
from delivery.forms_engagement import EnrolForm, SessionForm
from delivery.models import Attendance, TrainingSession

from .engagement_factories import course_of_a, session_of_a, vendor_y_contract

pytestmark = pytest.mark.django_db

REFUSED = "Choose people who may see this session's program."


def _attendees(session):
    return set(session.attendances.values_list("user__username", flat=True))


def test_the_service_refuses_an_attendee_who_cannot_see_the_program(cast):
    vendor_y_contract(cast)
    with pytest.raises(ValidationError) as exc:
        session_of_a(cast, attendees=[cast.contributor, cast.evaluator])
    assert exc.value.message_dict == {"attendees": [REFUSED]}
    assert not TrainingSession.objects.exists()
    session = session_of_a(cast)
    # Finance reads every program's money, not its training (bpo.core.scoping): as the outsider.
    for refused in (cast.outsider, cast.evaluator, cast.finance):
        with pytest.raises(ValidationError) as exc:
            training.session_enrol(session=session, by=cast.manager, users=[cast.viewer, refused])
        assert exc.value.message_dict == {"attendees": [REFUSED]}
    with pytest.raises(ValidationError) as exc:
        training.session_enrol(session=session, by=cast.manager, users=[cast.vendor_y_admin])
    assert list(exc.value.message_dict) == ["attendees"]
    assert _attendees(session) == {"contributor", "vx-user"}
    assert training.session_enrol(session=session, by=cast.manager, users=[cast.viewer, cast.vendor_x_admin]) == 2
    # One enrolled before the rule stays, and enrolling them again is still a no-op.
    Attendance.objects.create(session=session, user=cast.evaluator)
    assert training.session_enrol(session=session, by=cast.manager, users=[cast.evaluator, cast.executive]) == 1


def test_the_forms_offer_only_people_who_see_the_program(cast):
    vendor_y_contract(cast)
    session = session_of_a(cast)
    for offered in (
        set(SessionForm(user=cast.manager, program=cast.program_a).fields["attendees"].queryset),
        set(EnrolForm(program=session.course.program).fields["users"].queryset),
    ):
        assert {cast.manager, cast.contributor, cast.viewer, cast.vendor_x_user} <= offered
        assert not offered & {cast.evaluator, cast.outsider, cast.vendor_y_admin}


def test_the_pages_refuse_an_evaluator_only_member(cast, client):
    course = course_of_a(cast)
    session = session_of_a(cast, course=course)
    client.force_login(cast.manager)
    response = client.post(
        reverse("delivery:session_create", args=[course.pk]),
        {
            "starts_at": "2026-03-11T09:00",
            "trainer": "Typed trainer",
            "status": "scheduled",
            "attendees": [cast.contributor.pk, cast.evaluator.pk],
        },
    )
    assert response.status_code in (200, 400)
    assert "attendees" in response.context["form"].errors
    assert "Typed trainer" in response.content.decode()
    assert TrainingSession.objects.count() == 1
    response = client.post(reverse("delivery:session_enrol", args=[session.pk]), {"users": [cast.evaluator.pk]})
    assert response.status_code == 302
    assert "evaluator" not in _attendees(session)
    client.post(reverse("delivery:session_enrol", args=[session.pk]), {"users": [cast.viewer.pk]})
    assert "viewer" in _attendees(session)
