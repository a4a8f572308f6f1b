"""Every integer of the API refuses a number with a fraction, 400 on the field. JSON
2.9999999999999999 (or 3.0000000000000001) was read by Python as the float 3.0 and assessed as a
likelihood of 3; "3", 3, "3.0" and 3e0 are still whole numbers."""

import pytest
from django.urls import reverse
from rest_framework import serializers

from risk.models import Risk

REST = ', "inherent_impact": 5, "residual_likelihood": 2, "residual_impact": 3}'


@pytest.fixture
def assess_url(cast, client):
    client.force_login(cast.contributor)
    created = client.post(
        reverse("risk-list"),
        {"program": cast.program_a.pk, "title": "t", "category": "operational", "event": "e"},
        content_type="application/json",
    )
    return reverse("risk-assess", args=[created.json()["id"]])


@pytest.mark.parametrize("raw", ["2.9999999999999999", "3.0000000000000001", "3.5", '"2.7"', "1e-20"])
def test_a_fraction_is_refused_on_the_field(client, assess_url, raw):
    body = '{"inherent_likelihood": ' + raw + REST
    response = client.post(assess_url, body, content_type="application/json")
    assert response.status_code == 400, response.content
    [error] = response.json()["errors"]
    assert error["attr"] == "inherent_likelihood" and error["code"] == "invalid"
    assert Risk.objects.get().inherent_likelihood is None


@pytest.mark.parametrize("raw", ["3", '"3"', "3.0", '"3.0"', "3e0"])
def test_a_whole_number_is_accepted(client, assess_url, raw):
    body = '{"inherent_likelihood": ' + raw + REST
    response = client.post(assess_url, body, content_type="application/json")
    assert response.status_code == 201, response.content
    assert Risk.objects.get().inherent_likelihood == 3


def test_every_serializer_integer_field_refuses_a_fraction():
    from bpo.core.drf import JSONNumber

    field = serializers.IntegerField()
    for bad in ("2.5", 2.5, "1e999999999", "1e3", "nan", "inf", True, "", "x"):
        with pytest.raises(serializers.ValidationError):
            field.run_validation(bad)
    assert (
        field.run_validation("  7 ") == 7
        and field.run_validation(7.0) == 7
        and field.run_validation(JSONNumber("1e3")) == 1000
    )
    with pytest.raises(serializers.ValidationError):
        field.run_validation(JSONNumber("1e999999999"))


def test_a_parsed_json_number_keeps_its_text_and_is_written_as_a_float():
    from bpo.core.drf import JSONNumber

    number = JSONNumber("0.1000000000000000055511151231257827")
    assert number == 0.1 and str(number) == "0.1000000000000000055511151231257827"
    import json

    assert json.dumps({"n": number}) == '{"n": 0.1}'
