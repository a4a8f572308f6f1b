"""Task progress forms (portal and staff task page) are optimistically locked like every edit
page: a form opened before someone else's update is refused, what was typed is kept."""

from datetime import date

import pytest
from django.urls import reverse

from delivery.models import Task, TaskUpdate
from tests.contracts.factories import contract_of_a

from .plan_factories import task


@pytest.fixture
def build(cast):
    contract_of_a(cast)
    return task(
        cast.program_a, "Build", 1, 20, vendor=cast.vendor_x, actual_start=date(2026, 1, 2), percent_complete=30
    )


def _opened(client, url):
    page = client.get(url)
    assert page.status_code == 200
    return page.context["record_version"]


def _post(client, url, version, percent, comment=""):
    data = {"actual_start": "2026-01-02", "percent_complete": str(percent), "comment": comment}
    return client.post(url, {**data, "record_version": version}, follow=True)


@pytest.mark.parametrize("door", ["portal", "staff"])
def test_stale_progress_form_is_refused_and_keeps_what_was_typed(client, cast, build, door):
    if door == "portal":
        client.force_login(cast.vendor_x_admin)
        url = reverse("portal:task_update", args=[build.pk])
    else:
        client.force_login(cast.manager)
        url = reverse("delivery:task_detail", args=[build.pk])
    tab_a, tab_b = _opened(client, url), _opened(client, url)

    saved = _post(client, url, tab_a, 80, "Ahead of plan")
    assert "Progress recorded." in saved.content.decode()  # the message shows after the redirect

    refused = _post(client, url, tab_b, 35, "Old figure")
    page = refused.content.decode()
    assert refused.status_code == 200 and "Someone else changed this record since you opened it" in page
    assert 'value="35"' in page and "Old figure" in page
    assert Task.objects.get(pk=build.pk).percent_complete == 80
    assert list(TaskUpdate.objects.filter(task=build).values_list("percent_complete", flat=True)) == [80]
    # The same stale form stays refused; a reloaded one saves.
    assert "Someone else changed" in _post(client, url, refused.context["record_version"], 35).content.decode()
    assert "Progress recorded." in _post(client, url, _opened(client, url), 85).content.decode()
    assert Task.objects.get(pk=build.pk).percent_complete == 85
