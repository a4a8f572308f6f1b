"""A decimal comma is never a thousands separator (bpo/core/numbers.py): "100,0" in a portal
proposal's price breakdown counted as 1000 (user test 2026-11-28), and a form's or the API's number
field told "85,5" only "Enter a number.". A comma is read only where it groups thousands
(1,250.5) in a free-text intake; everywhere else it is refused and told how to write the number."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django import forms
from django.urls import reverse
from rest_framework import serializers

from bpo.core.numbers import not_a_number, typed_decimal
from tests.vendors.world import make_event
from vendors.models import Proposal

TOLD = "85,5 is not a number: use a point for decimals, e.g. 85.5"


@pytest.mark.parametrize(
    ("typed", "number"),
    [
        ("85.5", Decimal("85.5")),
        ("1,000", Decimal("1000")),
        (" 1,250.5 ", Decimal("1250.5")),
        ("-12,345,678.90", Decimal("-12345678.90")),
        ("999", Decimal("999")),
    ],
)
def test_typed_decimal_reads_plain_and_grouped_numbers(typed, number):
    assert typed_decimal(typed) == number


@pytest.mark.parametrize(
    "typed",
    [
        "85,5",
        "100,0",
        "1,5",
        "12,50",
        "1,0000",
        "1000,000",
        "1,000,0",
        ",5",
        "1.000,5",
        "1,2,3",
        "1e5",
        "１００",
        "9_9",
    ],
)
def test_typed_decimal_refuses_a_comma_out_of_its_grouping_place_and_the_rest(typed):
    assert typed_decimal(typed) is None


def test_not_a_number_tells_how_to_write_a_decimal_comma():
    assert not_a_number(" 85,5 ") == TOLD
    assert not_a_number("1.000,50") == "1.000,50 is not a number: use a point for decimals, e.g. 1000.50"
    assert not_a_number("abc") == "abc is not a number"
    assert not_a_number("1,2,3") == "1,2,3 is not a number"


def test_any_form_and_serializer_number_field_tells_a_decimal_comma():
    with pytest.raises(forms.ValidationError) as exc:
        forms.DecimalField(max_digits=18, decimal_places=2).clean("85,5")
    assert exc.value.messages == [TOLD]
    with pytest.raises(serializers.ValidationError) as exc:
        serializers.DecimalField(max_digits=18, decimal_places=2).run_validation("85,5")
    assert exc.value.detail == [TOLD]
    # A grouped number is not a decimal comma: a number field reads no separator, as before.
    with pytest.raises(forms.ValidationError) as exc:
        forms.DecimalField(max_digits=18, decimal_places=2).clean("1,000")
    assert exc.value.messages == ["Enter a number."]


def _submit(client, cast, price, breakdown):
    event = make_event(cast, deadline_in=timedelta(days=3))
    client.force_login(cast.vendor_x_admin)
    return client.post(
        reverse("portal:proposal_edit", args=[event.pk]),
        {"price": price, "price_breakdown": breakdown, "answers": "Yes"},
    )


def test_a_decimal_comma_in_the_breakdown_is_refused_next_to_it(cast, client):
    response = _submit(client, cast, "1000", "Agents: 900\na: 100,0")
    assert response.status_code == 400
    assert response.context["form"].errors["price_breakdown"] == [
        "Line 2: 100,0 is not a number: use a point for decimals, e.g. 100.0"
    ]
    assert not Proposal.objects.exists()


@pytest.mark.parametrize("amount", ["１００", "1_00"])
def test_other_scripts_digits_and_underscores_in_the_breakdown_are_refused(cast, client, amount):
    response = _submit(client, cast, "100", f"Agents: {amount}")
    assert response.status_code == 400
    assert response.context["form"].errors["price_breakdown"] == [
        "Line 1: write “item: amount”, for example “Agents: 90000”."
    ]
    assert not Proposal.objects.exists()


def test_a_grouped_breakdown_amount_is_still_read(cast, client):
    response = _submit(client, cast, "91000.50", "Agents: 90,000\nSetup: 1,000.50")
    assert response.status_code == 302
    assert Proposal.objects.get().price_breakdown == [
        {"item": "Agents", "amount": "90000.00"},
        {"item": "Setup", "amount": "1000.50"},
    ]


def test_a_decimal_comma_in_the_total_price_is_told_next_to_it(cast, client):
    response = _submit(client, cast, "85,5", "")
    assert response.status_code == 400
    assert response.context["form"].errors["price"] == [TOLD]
    assert not Proposal.objects.exists()
