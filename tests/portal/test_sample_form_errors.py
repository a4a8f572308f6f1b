"""A vendor who types one sample in the portal's form sees what is wrong next to the form's fields,
not as a file's bad line ("Line 1 ... send the file again"); what they typed stays in the form."""

import pytest
from django.urls import reverse
from django.utils import translation

from delivery.models import Sample
from tests.contracts.factories import measured_contract

pytestmark = pytest.mark.django_db


def _post(client, contract, **data):
    url = reverse("portal:measurement_contract", args=[contract.pk])
    return client.post(url, {"step": "sample", "service_level": "ASA20", **data})


def _assert_no_file_wording(body):
    assert 'data-testid="row-errors"' not in body
    assert "send the file again" not in body and "Line 1" not in body


def test_a_bad_time_and_value_are_told_next_to_their_fields(cast, client):
    contract = measured_contract(cast)
    client.force_login(cast.vendor_x_user)
    response = _post(client, contract, measured_at="soon", value="-3", reference="my-ref")
    body = response.content.decode()
    form = response.context["sample_form"]
    assert form.errors["measured_at"] == [
        "soon is not a date and time (use 2026-01-31 14:05 or 2026-01-31T14:05:00+08:00)"
    ]
    assert form.errors["value"] == ["The value cannot be negative"]
    assert "reference" not in form.errors and not form.non_field_errors()
    _assert_no_file_wording(body)
    assert 'class="field has-error' in body and 'value="my-ref"' in body
    assert not Sample.objects.exists()


def test_a_time_outside_the_term_is_told_next_to_the_time_in_chinese(cast, client):
    contract = measured_contract(cast)
    cast.vendor_x_user.language = "zh-hans"
    cast.vendor_x_user.save(update_fields=["language"])
    client.force_login(cast.vendor_x_user)
    response = _post(client, contract, measured_at="2025-06-01 09:00", value="5")
    with translation.override("zh-hans"):
        expected = translation.gettext("the time is outside the contract's term")
    assert expected != "the time is outside the contract's term"
    assert response.context["sample_form"].errors["measured_at"] == [expected]
    body = response.content.decode()
    _assert_no_file_wording(body)
    with translation.override("zh-hans"):
        assert translation.gettext("Nothing was saved. Correct these rows and send the file again:") not in body
