"""Each amendable term has a declared type: a value of another JSON type is refused when the change is
raised, next to `proposed_terms` (a number as the end date raised a TypeError, a 500; `true` as the
fee was stored as "True" and the change then could not be assessed nor rejected; ["a"] as the title
was stored as "['a']"); proposed terms that change nothing are refused; an unknown term is told
with the amendable ones (user test)."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from contracts import services
from contracts.forms import ChangeRequestForm
from contracts.models import ChangeRequest
from contracts.services.change_terms import AMENDABLE_TERMS
from contracts.services.contracts import TERM_FIELDS

D = Decimal


@pytest.fixture
def signed(signed_without_levels):
    return signed_without_levels  # tests/contracts/conftest.py, no service level


def _api(client, contract, terms):
    return client.post(
        "/api/v1/change-requests/",
        {"contract": contract.pk, "title": "x", "description": "d", "proposed_terms": terms},
        content_type="application/json",
    )


def _errors(response):
    return [(e["attr"], e["detail"]) for e in response.json()["errors"]]


@pytest.mark.parametrize(
    ("terms", "said"),
    [
        ({"end_date": 20290101}, "End date: give a date as text, e.g. 2029-01-01."),
        ({"monthly_fee": True}, "Monthly fee: give a number, e.g. 110000.00."),
        ({"notice_period_days": False}, "Notice period (days): give a whole number, e.g. 90."),
        ({"notice_period_days": 30.5}, "Notice period (days): give a whole number, e.g. 90."),
        ({"title": ["a"]}, "Title: give it as text."),
        ({"payment_terms": {"net": 30}}, "Payment terms: give it as text."),
        ({"auto_renewal": 1}, "Auto-renewal: give true or false."),
        ({"monthly_fee": None}, "Monthly fee: give a number, e.g. 110000.00."),
    ],
)
def test_a_value_of_the_wrong_json_type_is_a_400_next_to_the_terms(cast, client, signed, terms, said):
    client.force_login(cast.manager)
    response = _api(client, signed, terms)
    assert response.status_code == 400, response.content
    assert _errors(response) == [("proposed_terms", said)]
    assert not ChangeRequest.objects.exists()


def test_json_numbers_and_booleans_of_the_right_type_are_taken_and_stored_as_text(cast, client, signed):
    client.force_login(cast.manager)
    response = _api(client, signed, {"monthly_fee": 110000.5, "grace_days": 7, "auto_renewal": True})
    assert response.status_code == 201, response.content
    change = ChangeRequest.objects.get()
    assert change.proposed_terms == {"monthly_fee": "110000.5", "grace_days": "7", "auto_renewal": "true"}
    services.change_request_assess(change=change, by=cast.manager)
    services.change_request_decide(change=change, by=cast.manager, approve=True)
    signed.refresh_from_db()
    assert (signed.monthly_fee, signed.grace_days, signed.auto_renewal) == (D("110000.50"), 7, True)


@pytest.mark.parametrize("terms", [{}, {"monthly_fee": "100000"}, {"monthly_fee": "100000.00", "currency": "USD"}])
def test_terms_that_change_nothing_are_refused(cast, client, signed, terms):
    client.force_login(cast.manager)
    response = _api(client, signed, terms)
    assert (response.status_code, _errors(response)) == (
        400,
        [("proposed_terms", "Propose at least one term that changes.")],
    )
    page = client.post(
        reverse("contracts:change_create", args=[signed.pk]), {"title": "x", "description": "d", "proposed_terms": ""}
    )
    assert page.context["form"].errors["proposed_terms"] == ["Propose at least one term that changes."]
    assert not ChangeRequest.objects.exists()


def test_an_unknown_term_is_told_with_the_amendable_ones(cast, client, signed):
    client.force_login(cast.manager)
    response = _api(client, signed, {"colour": "red"})
    [(attr, detail)] = _errors(response)
    assert attr == "proposed_terms" and detail.startswith("colour is not a term that can be amended")
    assert all(key in detail for key in AMENDABLE_TERMS)
    help_text = str(ChangeRequestForm().fields["proposed_terms"].help_text)
    assert all(key in help_text for key in AMENDABLE_TERMS)
    assert set(AMENDABLE_TERMS) == set(TERM_FIELDS)  # every term frozen in a version has its type


def test_a_change_holding_bad_stored_terms_can_still_be_assessed_and_rejected(cast, client, signed):
    change = services.change_request_create(
        contract=signed, by=cast.contributor, title="Fee", description="d", proposed_terms={"monthly_fee": "120000"}
    )
    ChangeRequest.objects.filter(pk=change.pk).update(proposed_terms={"monthly_fee": "True", "title": "['a']"})
    client.force_login(cast.manager)
    url = reverse("contracts:change_detail", args=[change.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"step": "assess", "cost_impact": "", "schedule_impact_days": "", "effective_date": ""})
    assert response.status_code == 302
    change.refresh_from_db()
    assert change.status == "assessed"
    with pytest.raises(ValidationError) as refused:
        services.change_request_decide(change=change, by=cast.manager, approve=True)
    assert "proposed_terms" in refused.value.message_dict
    response = client.post(url, {"step": "decide", "approve": "0", "comments": "Garbled terms"})
    assert response.status_code == 302
    change.refresh_from_db()
    assert change.status == "rejected"
