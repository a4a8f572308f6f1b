"""The review form on the contract page: a refused decision keeps what was chosen and typed,
with the error next to its field; a decision sent from a page left open while the review moved
on is not recorded, and the page says why (not a bare 403)."""

import re

import pytest
from django.urls import reverse

from contracts import services
from contracts.choices import ContractStatus
from contracts.models import ContractReview

from .test_workflow import new_contract


@pytest.fixture
def in_legal_review(cast):
    contract = new_contract(cast)
    services.contract_submit_for_review(contract=contract, by=cast.manager)
    return contract


def _review(client, contract, **data):
    return client.post(reverse("contracts:contract_review", args=[contract.pk]), data, follow=True)


def _opened_form(client, contract):
    """The hidden fields of the review form as the page gives them."""
    html = client.get(contract.get_absolute_url()).content.decode()
    return dict(re.findall(r'<input type="hidden" name="(kind|round)" value="([^"]*)"', html))


@pytest.mark.parametrize(
    "language, error", [("en", "Give the reasons for the rejection."), ("zh-hans", "请说明驳回理由")]
)
def test_rejecting_without_comments_shows_the_error_next_to_comments_and_keeps_the_choice(
    cast, client, in_legal_review, language, error
):
    cast.legal.language = language
    cast.legal.save(update_fields=["language"])
    client.force_login(cast.legal)
    opened = _opened_form(client, in_legal_review)
    assert opened == {"kind": "legal", "round": "1"}
    response = _review(client, in_legal_review, outcome="rejected", comments="  ", **opened)
    html = response.content.decode()
    assert response.status_code == 200 and response.redirect_chain == []
    section = html[html.index('id="h-review"') :]
    comments = section[section.index('name="comments"') - 600 : section.index('name="comments"') + 300]
    assert error in comments  # next to the comments field, not only in a banner
    assert re.search(r'<input type="radio" name="outcome" value="rejected"[^>]* checked', section)
    assert not ContractReview.objects.exists()
    in_legal_review.refresh_from_db()
    assert in_legal_review.status == ContractStatus.LEGAL_REVIEW


def test_a_refused_decision_keeps_the_typed_comments(cast, client, in_legal_review):
    client.force_login(cast.legal)
    html = _review(client, in_legal_review, comments="Clause 7 is unclear", kind="legal", round="1").content.decode()
    assert "Clause 7 is unclear</textarea>" in html and "This field is required." in html
    assert not ContractReview.objects.exists()


def test_a_decision_on_a_review_already_decided_says_so_instead_of_403(cast, client, in_legal_review):
    client.force_login(cast.legal)
    opened = _opened_form(client, in_legal_review)
    services.contract_record_review(
        contract=in_legal_review, kind="legal", outcome="approved", comments="ok", by=cast.admin
    )
    response = _review(client, in_legal_review, outcome="rejected", comments="Too late", **opened)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Legal review of round 1 was already decided (Approved by" in html
    assert "your decision was not recorded" in html
    assert ContractReview.objects.get().comments == "ok"
    in_legal_review.refresh_from_db()
    assert in_legal_review.status == ContractStatus.FINANCIAL_REVIEW


def test_a_decision_from_a_page_of_an_earlier_round_is_not_recorded_on_the_new_round(cast, client, in_legal_review):
    client.force_login(cast.legal)
    opened = _opened_form(client, in_legal_review)
    services.contract_record_review(
        contract=in_legal_review, kind="legal", outcome="rejected", comments="Fix clause 7", by=cast.admin
    )
    services.contract_submit_for_review(contract=in_legal_review, by=cast.manager)  # round 2
    cast.legal.language = "zh-hans"
    cast.legal.save(update_fields=["language"])
    html = _review(client, in_legal_review, outcome="approved", comments="", **opened).content.decode()
    assert "新一轮审核（第 2 轮）" in html
    assert list(ContractReview.objects.values_list("round", "outcome")) == [(1, "rejected")]
    in_legal_review.refresh_from_db()
    assert (in_legal_review.status, in_legal_review.review_round) == (ContractStatus.LEGAL_REVIEW, 2)


def test_a_reviewer_of_the_other_role_is_still_refused(cast, client, in_legal_review):
    client.force_login(cast.finance)
    response = client.post(
        reverse("contracts:contract_review", args=[in_legal_review.pk]), {"outcome": "approved", "kind": "legal"}
    )
    assert response.status_code == 403
