"""/api/v1/vendors/: the registry for staff, only their own vendor for vendor users."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from vendors.models import Vendor


def _api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def _detail(vendor):
    return reverse("vendor-detail", args=[vendor.pk])


@pytest.mark.parametrize(
    "role, own", [("vendor_x_admin", "Vendor X"), ("vendor_x_user", "Vendor X"), ("vendor_y_admin", "Vendor Y")]
)
def test_vendor_user_lists_only_their_own_vendor(cast, role, own):
    response = _api(getattr(cast, role)).get(reverse("vendor-list"))
    assert response.status_code == 200
    assert [v["name"] for v in response.json()["results"]] == [own]


def test_vendor_user_gets_404_for_another_vendor(cast):
    response = _api(cast.vendor_x_admin).get(_detail(cast.vendor_y))
    assert response.status_code == 404
    assert response.json()["type"] == "client_error"
    assert _api(cast.vendor_x_admin).get(_detail(cast.vendor_x)).status_code == 200


def test_vendor_user_cannot_change_their_own_vendor(cast):
    response = _api(cast.vendor_x_admin).patch(_detail(cast.vendor_x), {"status": "approved"}, format="json")
    assert response.status_code == 403
    assert Vendor.objects.get(pk=cast.vendor_x.pk).status == "active"


def test_vendor_user_cannot_create_vendors(cast):
    response = _api(cast.vendor_x_admin).post(
        reverse("vendor-list"), {"name": "Shell Co", "country": "China"}, format="json"
    )
    assert response.status_code == 403
    assert not Vendor.objects.filter(name="Shell Co").exists()


@pytest.mark.parametrize("role", ["manager", "contributor", "finance", "legal", "executive", "admin", "outsider"])
def test_staff_list_the_whole_registry(cast, role):
    response = _api(getattr(cast, role)).get(reverse("vendor-list"))
    assert [v["name"] for v in response.json()["results"]] == ["Vendor X", "Vendor Y"]


def test_contributor_patch_is_403_manager_patch_works(cast):
    assert _api(cast.contributor).patch(_detail(cast.vendor_x), {"tier": "strategic"}, format="json").status_code == 403
    response = _api(cast.manager).patch(_detail(cast.vendor_x), {"tier": "strategic"}, format="json")
    assert response.status_code == 200
    assert Vendor.objects.get(pk=cast.vendor_x.pk).tier == "strategic"


def test_duplicate_name_is_a_standardized_400(cast):
    response = _api(cast.manager).post(reverse("vendor-list"), {"name": "Vendor Y", "country": "China"}, format="json")
    assert response.status_code == 400
    body = response.json()
    assert body["type"] == "validation_error"
    assert [(e["attr"], set(e)) for e in body["errors"]] == [("name", {"code", "detail", "attr"})]


def test_vendor_api_searches_chinese_local_names(cast):
    Vendor.objects.create(name="Huaxin", local_name="华信商务服务", country="China")
    response = _api(cast.manager).get(reverse("vendor-list"), {"q": "华信"})
    assert [v["name"] for v in response.json()["results"]] == ["Huaxin"]
