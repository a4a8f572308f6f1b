"""The API renames, repositions and deletes work packages through the plan services, like the
plan page: program managers only, optimistic locking with If-Match, a package with tasks kept."""

from django.urls import reverse
from rest_framework.test import APIClient

from bpo.accounts.choices import ProgramRole
from bpo.core.history import history_for
from delivery.models import WorkPackage
from tests.factories import MembershipFactory

from .plan_factories import package, task


def _api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def _url(pk):
    return reverse("work-package-detail", args=[pk])


def test_manager_renames_and_repositions_a_package_and_the_history_records_it(cast):
    build = package(cast.program_a, "Build")
    api = _api(cast.manager)
    tag = api.get(_url(build.pk))["ETag"]

    response = api.patch(_url(build.pk), {"name": "  Build and test "}, format="json", HTTP_IF_MATCH=tag)
    assert response.status_code == 200, response.json()
    assert response.json() == {"id": build.pk, "program": cast.program_a.pk, "name": "Build and test", "position": 0}
    assert response["ETag"] != tag and response["ETag"] == api.get(_url(build.pk))["ETag"]
    build.refresh_from_db()
    assert (build.name, build.position) == ("Build and test", 0)
    latest = history_for(build)[0]
    assert latest["entry"].actor == cast.manager
    assert {"field": "name", "old": "Build", "new": "Build and test"} in latest["changes"]

    # PUT sends the whole package; it stays in its program: another program, seen or not, is a
    # 400 on `program` (it was ignored for one the manager could see), its own is accepted.
    full = {"program": cast.program_b.pk, "name": "Build and test", "position": 4}
    assert api.put(_url(build.pk), full, format="json").status_code == 400
    MembershipFactory(user=cast.manager, program=cast.program_b, role=ProgramRole.VIEWER)
    refused = api.put(_url(build.pk), full, format="json")
    assert refused.status_code == 400 and refused.json()["errors"][0]["attr"] == "program"
    assert api.put(_url(build.pk), {**full, "program": cast.program_a.pk}, format="json").status_code == 200
    build.refresh_from_db()
    assert (build.program_id, build.position) == (cast.program_a.pk, 4)


def test_a_name_another_package_has_is_refused_by_the_service(cast):
    build, spare = package(cast.program_a, "Build"), package(cast.program_a, "Spare")
    response = _api(cast.manager).patch(_url(build.pk), {"name": "spare"}, format="json")
    assert response.status_code == 400
    assert [(e["attr"], e["detail"]) for e in response.json()["errors"]] == [
        ("name", "This program already has a work package with that name.")
    ]
    build.refresh_from_db()
    assert build.name == "Build" and spare.name == "Spare"


def test_a_stale_if_match_is_a_409_and_changes_nothing(cast):
    build = package(cast.program_a, "Build")
    manager, admin = _api(cast.manager), _api(cast.admin)
    tag = manager.get(_url(build.pk))["ETag"]
    assert admin.patch(_url(build.pk), {"name": "Admin was first"}, format="json").status_code == 200

    refused = manager.patch(_url(build.pk), {"name": "Too late", "position": 9}, format="json", HTTP_IF_MATCH=tag)
    assert refused.status_code == 409
    assert [e["code"] for e in refused.json()["errors"]] == ["conflict"]
    build.refresh_from_db()
    assert (build.name, build.position) == ("Admin was first", 0)

    assert manager.delete(_url(build.pk), HTTP_IF_MATCH=tag).status_code == 409
    assert WorkPackage.objects.filter(pk=build.pk).exists()
    fresh = manager.get(_url(build.pk))["ETag"]
    assert manager.delete(_url(build.pk), HTTP_IF_MATCH=fresh).status_code == 204
    assert not WorkPackage.objects.filter(pk=build.pk).exists()


def test_who_may_change_and_delete(cast):
    build = package(cast.program_a, "Build")
    for role in ("contributor", "viewer"):
        api = _api(getattr(cast, role))
        assert api.get(_url(build.pk)).status_code == 200, role
        assert api.patch(_url(build.pk), {"name": "Mine"}, format="json").status_code == 403, role
        assert api.delete(_url(build.pk)).status_code == 403, role
    # The outsider manages program B only, and program A's evaluator reads nothing of A but the
    # events they score: program A's package is not found.
    for role in ("outsider", "evaluator"):
        api = _api(getattr(cast, role))
        assert api.get(_url(build.pk)).status_code == 404, role
        assert api.patch(_url(build.pk), {"name": "Mine"}, format="json", HTTP_IF_MATCH='"0"').status_code == 404
        assert api.delete(_url(build.pk)).status_code == 404, role
    vendor = _api(cast.vendor_x_admin)  # the endpoint is for staff
    assert vendor.patch(_url(build.pk), {"name": "Mine"}, format="json").status_code == 403
    assert vendor.delete(_url(build.pk)).status_code == 403
    build.refresh_from_db()
    assert build.name == "Build"


def test_deleting_an_empty_package_works_and_one_with_tasks_is_refused_with_the_reason(cast):
    build = package(cast.program_a, "Build")
    task(cast.program_a, "Design", 1, 10, work_package=build)
    task(cast.program_a, "Code", 11, 20, work_package=build)
    spare = package(cast.program_a, "Spare")
    api = _api(cast.manager)

    refused = api.delete(_url(build.pk))
    assert refused.status_code == 400
    assert [(e["attr"], e["detail"]) for e in refused.json()["errors"]] == [
        (None, "“Build” still has 2 tasks: move them to another work package first.")
    ]
    assert WorkPackage.objects.filter(pk=build.pk).exists() and build.tasks.count() == 2

    assert api.delete(_url(spare.pk)).status_code == 204
    assert not WorkPackage.objects.filter(pk=spare.pk).exists()
    assert api.get(_url(spare.pk)).status_code == 404


def test_the_refusal_is_translated(cast):
    build = package(cast.program_a, "Build")
    task(cast.program_a, "Design", 1, 10, work_package=build)
    refused = _api(cast.admin).delete(_url(build.pk), HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert refused.status_code == 400
    assert "Build" in refused.json()["errors"][0]["detail"]
    assert "still has" not in refused.json()["errors"][0]["detail"]
