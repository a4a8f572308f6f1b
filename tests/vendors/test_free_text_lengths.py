"""Sourcing free texts are bounded (a 100,000-character question made pages 23,000 px tall):
refused next to the field by the form, and by the service's full_clean."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from vendors.forms import DecisionForm, DiligenceForm
from vendors.models import Question
from vendors.services import question_answer, question_ask

from .world import make_event


def test_a_too_long_question_is_refused_on_the_portal_and_by_the_service(cast, client):
    event = make_event(cast, deadline_in=timedelta(days=5))
    client.force_login(cast.vendor_x_admin)
    response = client.post(reverse("portal:sourcing_ask", args=[event.pk]), {"text": "x" * 100_000})
    assert response.status_code == 400
    assert "at most 2000 characters" in str(response.context["form"].errors["text"])
    with pytest.raises(ValidationError) as exc:
        question_ask(event=event, by=cast.vendor_x_admin, text="x" * 2001)
    assert "text" in exc.value.message_dict
    assert not Question.objects.exists()
    question_ask(event=event, by=cast.vendor_x_admin, text="x" * 2000)
    assert Question.objects.count() == 1


def test_a_too_long_answer_is_refused_next_to_the_field(cast, client):
    event = make_event(cast, deadline_in=timedelta(days=5))
    question = question_ask(event=event, by=cast.vendor_x_admin, text="When?")
    client.force_login(cast.manager)
    response = client.post(reverse("vendors:question_answer", args=[question.pk]), {"answer": "y" * 5001})
    assert response.status_code == 200 and "at most 5000 characters" in response.content.decode()
    with pytest.raises(ValidationError):
        question_answer(question=question, by=cast.manager, answer="y" * 5001)
    assert Question.objects.get(pk=question.pk).answer == ""


def test_a_too_long_proposal_answer_and_event_scope_are_refused(cast, client):
    event = make_event(cast, deadline_in=timedelta(days=5))
    client.force_login(cast.vendor_x_admin)
    response = client.post(reverse("portal:proposal_edit", args=[event.pk]), {"price": "100", "answers": "z" * 20_001})
    assert response.status_code == 400 and "answers" in response.context["form"].errors
    event.scope = "s" * 5001
    with pytest.raises(ValidationError) as exc:
        event.full_clean()
    assert "scope" in exc.value.message_dict


def test_award_rationale_and_evaluation_notes_are_bounded(cast):
    # The award rationale: 2,000 characters, refused by award_propose (test_score_sheet_award_rationale).
    assert "note" in DecisionForm({"note": "n" * 2001}).errors
    diligence = DiligenceForm({"findings": "f" * 5001, "kpis": "k" * 2001}, proposals=Question.objects.none())
    assert {"findings", "kpis"} <= set(diligence.errors)
