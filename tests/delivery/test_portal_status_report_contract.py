"""The portal's "Report on a month": a missing or unknown contract is refused next to the
contract field with what was typed kept, as any form error; it answered 404."""

from django.urls import reverse

from delivery.models import StatusReport
from tests.contracts.factories import contract_of_a
from tests.delivery.engagement_factories import vendor_y_contract


def test_an_empty_or_unknown_contract_is_an_error_next_to_the_field(client, cast):
    contract_of_a(cast)
    others = vendor_y_contract(cast)
    client.force_login(cast.vendor_x_admin)
    url = reverse("portal:status_reports")
    for contract in ("", "999999", others.pk, "abc"):
        response = client.post(url, {"contract": contract, "period": "2026-01"})
        assert response.status_code == 200, contract
        errors = response.context["form"].errors
        assert list(errors) == ["contract"], contract
        page = response.content.decode()
        assert 'name="period" value="2026-01"' in page
        if contract == "":
            assert "This field is required." in errors["contract"]
            assert 'class="field has-error required">\n  <label for="id_contract">' in page
    assert not StatusReport.objects.exists()
