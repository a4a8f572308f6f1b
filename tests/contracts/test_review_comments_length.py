"""A review's comments are at most 2,000 characters, as any other recorded reason (user test
2026-11-28: a rejection with 100,000 characters was recorded and made the notifications page
120 KB). Refused next to the field, what was typed kept, nothing recorded; the service refuses too."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from bpo.core.models import Notification
from contracts import services
from contracts.choices import ContractStatus
from contracts.models import ContractReview
from contracts.services.contracts import REVIEW_COMMENTS_MAX_LENGTH
from delivery.invoicing import DISPUTE_REASON_MAX_LENGTH

from .test_review_form import in_legal_review  # noqa: F401 (fixture)


def test_the_cap_is_the_other_reasons_cap():
    assert REVIEW_COMMENTS_MAX_LENGTH == DISPUTE_REASON_MAX_LENGTH == 2000


def test_a_too_long_rejection_is_refused_next_to_the_comments(cast, client, in_legal_review):  # noqa: F811
    client.force_login(cast.legal)
    page = client.get(in_legal_review.get_absolute_url()).content.decode()
    assert 'maxlength="2000"' in page[page.index('id="h-review"') :]
    typed = "x" * 100_000
    response = client.post(
        reverse("contracts:contract_review", args=[in_legal_review.pk]),
        {"outcome": "rejected", "comments": typed, "kind": "legal", "round": "1"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "At most 2000 characters; this reason has 100000." in html
    assert typed in html  # what was typed is kept
    assert not ContractReview.objects.exists()
    assert not Notification.objects.filter(body=typed).exists()
    in_legal_review.refresh_from_db()
    assert in_legal_review.status == ContractStatus.LEGAL_REVIEW


def test_2000_characters_with_line_breaks_are_recorded(cast, client, in_legal_review):  # noqa: F811
    client.force_login(cast.legal)
    typed = ("y" * 99 + "\r\n") * 20  # 2,000 characters as the browser counts them
    response = client.post(
        reverse("contracts:contract_review", args=[in_legal_review.pk]),
        {"outcome": "rejected", "comments": typed, "kind": "legal", "round": "1"},
    )
    assert response.status_code == 302
    assert len(ContractReview.objects.get().comments) == 1999  # stripped of the last line break


def test_the_service_refuses_too_long_comments(cast, in_legal_review):  # noqa: F811
    with pytest.raises(ValidationError) as refused:
        services.contract_record_review(
            contract=in_legal_review, kind="legal", outcome="approved", comments="z" * 2001, by=cast.legal
        )
    assert "comments" in refused.value.message_dict
    assert not ContractReview.objects.exists()
