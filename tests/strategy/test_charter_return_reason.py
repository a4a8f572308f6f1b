"""The reason a charter is returned for changes: at most 2,000 characters, like any other recorded
reason (next to the field on the form, a 400 on `reason` in the API), and kept on the program so its
page shows the latest one (not only the managers' notification)."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from strategy.models import Program
from strategy.services import budget_approve, program_submit
from tests.strategy.test_charter_services import budget_line, smart_objective
from tests.strategy.test_program_pages import _field_block

LIMIT = 2000


@pytest.fixture
def submitted(cast):
    smart_objective(cast)
    budget_line(cast)
    budget_approve(program=cast.program_a, by=cast.finance)
    program_submit(program=cast.program_a, by=cast.manager)
    return Program.objects.get(pk=cast.program_a.pk)


def test_api_refuses_a_reason_over_2000_characters(cast, submitted):
    client = APIClient()
    client.force_authenticate(cast.admin)
    url = reverse("program-send-back", args=[submitted.pk])
    response = client.post(url, {"reason": "x" * (LIMIT + 1)}, format="json")
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert [e["attr"] for e in errors] == ["reason"] and "At most 2000 characters" in errors[0]["detail"]
    assert Program.objects.get(pk=submitted.pk).status == "submitted"
    response = client.post(url, {"reason": "y" * LIMIT}, format="json")
    assert response.status_code == 200
    assert Program.objects.get(pk=submitted.pk).return_reason == "y" * LIMIT
    assert response.json()["return_reason"] == "y" * LIMIT


def test_form_shows_the_length_error_next_to_the_field_and_keeps_the_text(cast, client, submitted):
    client.force_login(cast.admin)
    url = reverse("strategy:program_return", args=[submitted.pk])
    response = client.post(url, {"reason": "z" * (LIMIT + 5)})
    assert response.status_code == 200
    block = _field_block(response.content.decode(), "reason")
    assert "At most 2000 characters" in block and "z" * (LIMIT + 5) in block
    assert Program.objects.get(pk=submitted.pk).status == "submitted"


def test_program_page_shows_the_latest_return_reason(cast, client, submitted):
    client.force_login(cast.admin)
    client.post(reverse("strategy:program_return", args=[submitted.pk]), {"reason": "Add a quality goal"})
    assert Program.objects.get(pk=submitted.pk).status == "draft"
    client.force_login(cast.manager)
    html = client.get(reverse("strategy:program_detail", args=[submitted.pk])).content.decode()
    assert 'data-testid="return-reason"' in html and "Add a quality goal" in html


def test_a_line_break_counts_as_one_character_as_the_browser_counts_it(cast, client, submitted):
    """User test: ten lines making 2,000 characters in the browser (its maxlength) were refused as
    2,008, because the browser sends each line break as CR LF (bpo/core/text_fields.py)."""
    reason = "\r\n".join(["r" * 199] * 10) + "r"  # 1,990 + 9 line breaks + 1 = 2,000 as typed
    assert len(reason.replace("\r\n", "\n")) == LIMIT
    client.force_login(cast.admin)
    response = client.post(reverse("strategy:program_return", args=[submitted.pk]), {"reason": reason})
    assert response.status_code == 302
    saved = Program.objects.get(pk=submitted.pk).return_reason
    assert saved == reason.replace("\r\n", "\n") and "\r" not in saved


def test_any_form_reads_cr_lf_as_one_line_break():
    from django import forms

    field = forms.CharField(max_length=5)
    assert field.clean("a\r\nb\rc") == "a\nb\nc"
    assert field.clean("ab\r\ncd") == "ab\ncd"  # 5 characters, as typed
