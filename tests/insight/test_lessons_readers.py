"""Lessons learned are shared knowledge for staff who read a program; an evaluator-only member,
who reads nothing of a program but their assigned sourcing events, reads none (user test: the
demo evaluator read four lessons of CS-2026 and AP-2026, with their body and source)."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from performance.improvement.models import Lesson

pytestmark = pytest.mark.django_db


@pytest.fixture
def lesson(cast):
    return Lesson.objects.create(
        title="Start knowledge transfer early",
        body="Shadowing took twice as long as planned.",
        phase="transition",
        category="people",
        program=cast.program_a,
        created_by=cast.manager,
    )


def test_the_evaluator_reads_no_lesson(cast, client, lesson):
    assert not Lesson.objects.visible_to(cast.evaluator).exists()
    client.force_login(cast.evaluator)
    assert "Start knowledge transfer early" not in client.get(reverse("performance:lesson_list")).content.decode()
    assert client.get(reverse("performance:lesson_detail", args=[lesson.pk])).status_code == 404
    api = APIClient()
    api.force_authenticate(cast.evaluator)
    assert api.get("/api/v1/lessons/").json()["results"] == []


@pytest.mark.parametrize("role", ["manager", "viewer", "outsider", "executive"])
def test_staff_who_read_a_program_read_every_lesson(cast, lesson, role):
    assert list(Lesson.objects.visible_to(getattr(cast, role))) == [lesson]


@pytest.mark.parametrize("role", ["finance", "legal"])
def test_finance_and_legal_read_lessons_only_as_members_of_a_program(cast, lesson, role):
    """They read every program's money or contracts, not its records (bpo.core.scoping): a
    program's records, lessons included, once they read one as a member, like other staff."""
    from bpo.accounts.choices import ProgramRole
    from tests.factories import MembershipFactory

    user = getattr(cast, role)
    assert not Lesson.objects.visible_to(user).exists()
    MembershipFactory(user=user, program=cast.program_b, role=ProgramRole.VIEWER)
    assert list(Lesson.objects.visible_to(user)) == [lesson]
