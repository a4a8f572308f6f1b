"""A time in a sentence is never followed by the sentence's full stop: a time format may end
with one itself (Django's English "9 a.m."), which read "9 a.m.." on the portal proposal page
and the score sheet."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from bpo.core.zones import format_in_zone
from vendors.models import EvaluatorAssignment

from .world import make_event

pytestmark = pytest.mark.django_db


def _no_full_stop_after(page, when):
    assert when in page
    assert f"{when}." not in page and f"{when} ." not in page


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_portal_proposal_page_names_the_deadline_without_a_full_stop_after_it(cast, client, language):
    event = make_event(cast, deadline_in=timedelta(days=3))
    cast.vendor_x_admin.language = language
    cast.vendor_x_admin.save(update_fields=["language"])
    client.force_login(cast.vendor_x_admin)
    page = client.get(reverse("portal:proposal_edit", args=[event.pk])).content.decode()
    with translation.override(language):
        when = format_in_zone(event.submission_deadline, event.program.time_zone)
    _no_full_stop_after(page, when)
    expected = {"en": "until the deadline, ", "zh-hans": "截止时间（"}[language]
    assert expected + when in page


def test_score_sheet_names_when_the_scores_were_submitted_without_a_full_stop_after_it(cast, client):
    event = make_event(cast)  # the deadline passed: proposals are open for scoring
    submitted = timezone.now() - timedelta(hours=1)
    EvaluatorAssignment.objects.filter(event=event, user=cast.evaluator).update(submitted_at=submitted)
    client.force_login(cast.evaluator)
    page = client.get(reverse("vendors:score_sheet", args=[event.pk])).content.decode()
    when = format_in_zone(submitted, event.program.time_zone)
    _no_full_stop_after(page, when)
    assert f"You submitted your scores on {when}; the comparison now shows everyone" in page


def test_sealed_comparison_names_the_deadline_without_a_full_stop_after_it(cast, client):
    event = make_event(cast, deadline_in=timedelta(days=3))
    client.force_login(cast.manager)
    page = client.get(reverse("vendors:evaluation", args=[event.pk])).content.decode()
    when = format_in_zone(event.submission_deadline, event.program.time_zone)
    _no_full_stop_after(page, when)
    assert f"Proposals are sealed until {when}; the comparison opens then" in page
