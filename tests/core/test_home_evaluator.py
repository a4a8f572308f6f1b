"""The home page of a member who is only an evaluator: it reads no program, and says why rather
than claiming the user belongs to no program."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tests.factories import MembershipFactory, ProgramFactory, UserFactory

pytestmark = pytest.mark.django_db


def home_text(user, language="en"):
    client = Client()
    client.force_login(user)
    client.cookies["django_language"] = language
    with translation.override(language):
        response = client.get(reverse("core:home"), HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response.content.decode()


def test_an_evaluator_only_member_is_told_what_they_see():
    evaluator = UserFactory()
    MembershipFactory(user=evaluator, program=ProgramFactory(), role="evaluator")
    html = home_text(evaluator)
    assert 'data-empty="evaluator"' in html
    assert "You are not a member of any program yet." not in html
    assert reverse("vendors:event_list") in html


def test_a_user_with_no_membership_keeps_the_plain_message():
    html = home_text(UserFactory())
    assert 'data-empty="none"' in html
    assert 'data-empty="evaluator"' not in html


def test_an_evaluator_who_also_reads_a_program_sees_the_program():
    user = UserFactory()
    MembershipFactory(user=user, program=ProgramFactory(), role="evaluator")
    read = MembershipFactory(user=user, program=ProgramFactory(), role="viewer").program
    html = home_text(user)
    assert read.get_absolute_url() in html
    assert "data-empty=" not in html
