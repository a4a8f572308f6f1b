"""Vendor forms and detail pages."""

import pytest
from django.urls import reverse

from vendors.models import Vendor


def _form(**overrides):
    data = {
        "name": "Huaxin Business Services",
        "local_name": "华信商务服务有限公司",
        "registration_number": "91310000MA1FL0X12Q",
        "country": "China",
        "website": "https://huaxin.example",
        "capabilities": "财务共享服务",
        "tier": "strategic",
        "status": "approved",
    }
    data.update(overrides)
    return data


def _field_block(html, name):
    for block in html.split('<div class="field')[1:]:
        if f'name="{name}"' in block:
            return block
    raise AssertionError(f"no field {name}")


def test_manager_creates_a_vendor(cast, client):
    client.force_login(cast.manager)
    response = client.post(reverse("vendors:vendor_create"), _form())
    vendor = Vendor.objects.get(name="Huaxin Business Services")
    assert response.status_code == 302 and response["Location"] == vendor.get_absolute_url()
    assert vendor.local_name == "华信商务服务有限公司"


@pytest.mark.parametrize(
    "overrides, field",
    [({"name": "Vendor X"}, "name"), ({"website": "not a url"}, "website"), ({"country": ""}, "country")],
)
def test_invalid_vendor_keeps_typed_values_and_shows_the_error_next_to_the_field(cast, client, overrides, field):
    client.force_login(cast.manager)
    before = Vendor.objects.count()
    response = client.post(reverse("vendors:vendor_create"), _form(**overrides))
    assert response.status_code == 200
    assert Vendor.objects.count() == before
    html = response.content.decode()
    assert response.context["form"].errors[field]
    assert 'class="error"' in _field_block(html, field)
    assert 'value="华信商务服务有限公司"' in html
    assert "财务共享服务" in html


@pytest.mark.parametrize("role", ["contributor", "finance", "executive"])
def test_non_keepers_may_read_but_not_edit_a_vendor(cast, client, role):
    client.force_login(getattr(cast, role))
    detail = client.get(reverse("vendors:vendor_detail", args=[cast.vendor_x.pk]))
    assert detail.status_code == 200 and detail.context["can_edit"] is False
    assert client.post(reverse("vendors:vendor_update", args=[cast.vendor_x.pk]), _form()).status_code == 403
    assert client.post(reverse("vendors:vendor_create"), _form()).status_code == 403
    assert Vendor.objects.get(pk=cast.vendor_x.pk).name == "Vendor X"


def test_vendor_detail_shows_who_changed_which_field_from_what_to_what(cast, client):
    client.force_login(cast.admin)
    url = reverse("vendors:vendor_update", args=[cast.vendor_x.pk])
    data = _form(
        name="Vendor X",
        local_name=cast.vendor_x.local_name,
        status="suspended",
        tier="operational",
        registration_number="",
        website="",
        capabilities="",
        country="China",
    )
    assert client.post(url, data).status_code == 302
    html = client.get(reverse("vendors:vendor_detail", args=[cast.vendor_x.pk])).content.decode()
    history = html[html.index('id="h-history"') :]
    assert str(cast.admin) in history
    assert "<tr><td>Status</td><td>Active</td><td>Suspended</td></tr>" in history
    assert "<td>Tier</td>" not in history  # unchanged fields are not listed


def test_vendor_detail_lists_its_portal_users(cast, client):
    client.force_login(cast.manager)
    response = client.get(reverse("vendors:vendor_detail", args=[cast.vendor_x.pk]))
    assert [u.username for u in response.context["portal_users"]] == ["vx-admin", "vx-user"]
