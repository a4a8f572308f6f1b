"""A work package's position is from 0 to 9,999: on the plan page an invalid one is its error next to
the field, the typed name kept (it was "Name the work package." and an empty form); the API too."""

from django.urls import reverse
from rest_framework.test import APIClient

from delivery.models import WorkPackage

from .plan_factories import package


def _field(page, name):
    return page.split(f'name="{name}"')[0].rsplit('<div class="field', 1)[1] + page.split(f'name="{name}"')[1][:600]


def test_plan_page_refuses_an_invalid_position_next_to_the_field_and_keeps_the_name(cast, client):
    client.force_login(cast.manager)
    url = reverse("delivery:work_package_create", args=[cast.program_a.pk])
    for position, error in (
        ("-3", "Ensure this value is greater than or equal to 0."),
        ("99999999999999", "Ensure this value is less than or equal to 9999."),
    ):
        response = client.post(url, {"name": "Build", "position": position})
        page = response.content.decode()
        assert response.status_code == 200, position
        assert error in _field(page, "position") and "Name the work package." not in page
        assert 'value="Build"' in page
    assert not WorkPackage.objects.exists()
    assert client.post(url, {"name": "Build", "position": "9999"}).status_code == 302
    assert WorkPackage.objects.get().position == 9999


def test_plan_page_shows_a_missing_name_and_a_taken_name_next_to_the_name(cast, client):
    package(cast.program_a, "Build")
    client.force_login(cast.manager)
    url = reverse("delivery:work_package_create", args=[cast.program_a.pk])
    page = client.post(url, {"name": "", "position": "2"}).content.decode()
    assert "This field is required." in _field(page, "name") and 'value="2"' in page
    page = client.post(url, {"name": "build", "position": "2"}).content.decode()
    assert "already has a work package with that name" in _field(page, "name")
    assert WorkPackage.objects.count() == 1


def test_position_error_in_chinese(cast, client):
    cast.manager.language = "zh-hans"
    cast.manager.save()
    client.force_login(cast.manager)
    url = reverse("delivery:work_package_create", args=[cast.program_a.pk])
    page = client.post(url, {"name": "Build", "position": "-3"}).content.decode()
    assert "Ensure this value" not in page and 'value="Build"' in page


def test_api_refuses_a_position_out_of_range(cast):
    build = package(cast.program_a, "Build")
    api = APIClient()
    api.force_authenticate(cast.manager)
    url = reverse("work-package-detail", args=[build.pk])
    for position in (-3, 99999999999999, 10000):
        tag = api.get(url)["ETag"]
        response = api.patch(url, {"position": position}, format="json", HTTP_IF_MATCH=tag)
        assert response.status_code == 400 and response.json()["errors"][0]["attr"] == "position", position
    build.refresh_from_db()
    assert build.position == 0
