"""Pages, portal and API of the plan, the transition checklist and the status reports."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from delivery.models import StatusReport, Task, TaskUpdate, TransitionItem, WorkPackage
from tests.contracts.factories import contract_of_a

from .plan_factories import item, package, task


@pytest.fixture
def plan(cast):
    contract_of_a(cast)
    design = task(cast.program_a, "Design", 1, 10, actual_start=date(2026, 1, 1), percent_complete=40)
    build = task(cast.program_a, "Build", 11, 20, depends_on=[design], vendor=cast.vendor_x, owner=cast.vendor_x_user)
    side = task(cast.program_a, "Posters", 11, 12, depends_on=[design])
    return {"design": design, "build": build, "side": side}


def test_plan_page_draws_baseline_against_actual_and_the_critical_path(client, cast, plan):
    client.force_login(cast.viewer)
    page = client.get(reverse("delivery:plan", args=[cast.program_a.pk])).content.decode()
    assert "<svg" in page and 'style="' not in page
    assert f'data-task="{plan["build"].pk}" data-critical="1"' in page
    assert f'data-task="{plan["side"].pk}">' in page  # not critical: it has float
    assert "Add task" not in page  # a viewer reads only


def test_manager_adds_a_task_and_errors_land_next_to_the_field(client, cast, plan):
    client.force_login(cast.manager)
    url = reverse("delivery:task_create", args=[cast.program_a.pk])
    data = {
        "work_package": package(cast.program_a).pk,
        "name": "Go-live",
        "baseline_start": "2026-01-15",
        "baseline_finish": "2026-01-25",
        "percent_complete": "0",
        "depends_on": [plan["build"].pk],
    }
    response = client.post(url, data)
    assert response.status_code == 200
    form = response.context["form"]
    assert "baseline_start" in form.errors and "Build" in form.errors["baseline_start"][0]
    data["baseline_start"] = "2026-01-21"
    response = client.post(url, data)
    created = Task.objects.get(name="Go-live")
    assert response.status_code == 302 and list(created.depends_on.all()) == [plan["build"]]
    assert "Build" in client.get(created.get_absolute_url()).content.decode()  # with its history
    client.force_login(cast.contributor)
    assert client.get(url).status_code == 403


def test_manager_opens_the_edit_page_of_a_task_with_an_owner(client, cast, plan):
    """The owner drop-down keeps the current owner, even one no longer active (it raised a
    TypeError, combining a distinct query with another)."""
    client.force_login(cast.manager)
    url = reverse("delivery:task_update", args=[plan["build"].pk])
    response = client.get(url)
    assert response.status_code == 200
    assert cast.vendor_x_user in response.context["form"].fields["owner"].queryset
    cast.vendor_x_user.is_active = False
    cast.vendor_x_user.save(update_fields=["is_active"])
    owners = client.get(url).context["form"].fields["owner"].queryset
    assert cast.vendor_x_user in owners and cast.vendor_x_admin in owners and cast.vendor_y_admin not in owners
    assert client.get(reverse("delivery:task_update", args=[plan["side"].pk])).status_code == 200


def test_staff_owner_records_progress_on_the_task_page(client, cast, plan):
    client.force_login(cast.contributor)
    url = reverse("delivery:task_detail", args=[plan["design"].pk])
    response = client.post(url, {"actual_start": "2026-01-01", "percent_complete": "100"})
    assert "actual_finish" in response.context["form"].errors
    response = client.post(
        url, {"actual_start": "2026-01-01", "actual_finish": "2026-01-09", "percent_complete": "100"}
    )
    assert response.status_code == 302
    client.force_login(cast.viewer)
    assert client.post(url, {"percent_complete": "10"}).status_code == 403


def test_vendor_sees_and_updates_only_its_tasks_in_the_portal(client, cast, plan):
    client.force_login(cast.vendor_x_user)
    page = client.get(reverse("portal:tasks")).content.decode()
    assert "Build" in page and "Design" not in page and "Posters" not in page
    assert client.get(reverse("portal:task_update", args=[plan["design"].pk])).status_code == 404
    url = reverse("portal:task_update", args=[plan["build"].pk])
    response = client.post(url, {"actual_start": "2026-01-12", "percent_complete": "25", "comment": "Started late"})
    assert response.status_code == 302
    assert TaskUpdate.objects.filter(task=plan["build"], comment="Started late").exists()
    client.force_login(cast.vendor_y_admin)
    assert client.get(url).status_code == 404


def test_transition_page_completes_items_and_shows_the_gate(client, cast):
    kt = item(cast.program_a, "Run books handed over")
    client.force_login(cast.manager)
    url = reverse("delivery:transition", args=[cast.program_a.pk])
    assert "1 mandatory item is open" in client.get(url).content.decode()
    client.post(url, {"category": "parallel_run", "title": "Two weeks parallel", "mandatory": "on"})
    assert TransitionItem.objects.filter(program=cast.program_a).count() == 2
    action = reverse("delivery:transition_item_action", args=[kt.pk, "complete"])
    client.post(action, {"evidence": ""})
    kt.refresh_from_db()
    assert not kt.is_done
    client.post(action, {"evidence": "Signed sheet"})
    kt.refresh_from_db()
    assert kt.is_done and kt.done_by == cast.manager


def _edit(client, url, **changes):
    """Posts the edit form as opened (with its record_version), with `changes` applied."""
    opened = client.get(url)
    assert opened.status_code == 200
    form = opened.context["form"]
    data = {name: form[name].value() for name in form.fields if form[name].value() not in (None, False)}
    data = {k: ("on" if v is True else v) for k, v in data.items()}
    return client.post(url, {**data, **changes, "record_version": opened.context["record_version"]})


def test_manager_renames_a_work_package_and_deletes_only_an_empty_one(client, cast, plan):
    build = plan["build"].work_package
    spare = package(cast.program_a, "Spare")
    client.force_login(cast.manager)
    page = client.get(reverse("delivery:plan", args=[cast.program_a.pk])).content.decode()
    assert reverse("delivery:work_package_update", args=[build.pk]) in page
    assert reverse("delivery:work_package_delete", args=[spare.pk]) in page
    assert reverse("delivery:work_package_delete", args=[build.pk]) not in page  # it has tasks
    assert "3 tasks" in page

    url = reverse("delivery:work_package_update", args=[build.pk])
    refused = _edit(client, url, name="spare")  # another package's name, in other case
    assert refused.status_code == 200 and "already has a work package with that name" in refused.content.decode()
    assert "Edit work package Build" in refused.content.decode() and 'value="spare"' in refused.content.decode()
    assert _edit(client, url, name="Build and test", position="3").status_code == 302
    build.refresh_from_db()
    assert (build.name, build.position) == ("Build and test", 3)
    assert "Build and test" in client.get(reverse("delivery:task_detail", args=[plan["design"].pk])).content.decode()

    response = client.post(reverse("delivery:work_package_delete", args=[build.pk]), follow=True)
    assert "still has 3 tasks: move them to another work package first" in response.content.decode()
    assert WorkPackage.objects.filter(pk=build.pk).exists()
    response = client.post(reverse("delivery:work_package_delete", args=[spare.pk]), follow=True)
    assert "Work package deleted." in response.content.decode()
    assert not WorkPackage.objects.filter(pk=spare.pk).exists()

    other = package(cast.program_a, "Other")
    client.force_login(cast.contributor)
    page = client.get(reverse("delivery:plan", args=[cast.program_a.pk])).content.decode()
    assert reverse("delivery:work_package_update", args=[other.pk]) not in page
    assert client.get(reverse("delivery:work_package_update", args=[other.pk])).status_code == 403
    assert client.post(reverse("delivery:work_package_delete", args=[other.pk])).status_code == 403
    assert WorkPackage.objects.filter(pk=other.pk).exists()


def test_manager_edits_and_deletes_checklist_items_and_a_contributor_only_marks_them_done(client, cast):
    open_item = item(cast.program_a, "Run books handed over")
    done = item(
        cast.program_a, "Agents hired", mandatory=False, done_by=cast.manager, done_at=timezone.now(), evidence="HR"
    )
    optional = item(cast.program_a, "Wallboard installed", mandatory=False)
    client.force_login(cast.manager)
    url = reverse("delivery:transition", args=[cast.program_a.pk])
    page = client.get(url).content.decode()
    assert reverse("delivery:transition_item_update", args=[open_item.pk]) in page
    assert reverse("delivery:transition_item_update", args=[done.pk]) in page
    assert reverse("delivery:transition_item_delete", args=[optional.pk]) in page
    assert reverse("delivery:transition_item_delete", args=[open_item.pk]) not in page  # mandatory
    assert reverse("delivery:transition_item_delete", args=[done.pk]) not in page  # reopen it first

    edit = reverse("delivery:transition_item_update", args=[open_item.pk])
    refused = _edit(client, edit, title="  ")
    assert refused.status_code == 200 and "title" in refused.context["form"].errors
    saved = _edit(client, edit, title="Run books signed off", category="knowledge_transfer", mandatory="on")
    assert saved.status_code == 302 and saved.url == url
    open_item.refresh_from_db()
    assert (open_item.title, open_item.category, open_item.mandatory) == (
        "Run books signed off",
        "knowledge_transfer",
        True,  # a mandatory item stays mandatory (tests/delivery/test_transition_item_locked.py)
    )

    response = client.post(reverse("delivery:transition_item_delete", args=[done.pk]), follow=True)
    assert "“Agents hired” is done: reopen it before deleting it." in response.content.decode()
    assert TransitionItem.objects.filter(pk=done.pk).exists()
    # A mandatory item is never deleted (tests/delivery/test_transition_mandatory_not_deleted.py).
    response = client.post(reverse("delivery:transition_item_delete", args=[optional.pk]), follow=True)
    assert "Checklist item deleted." in response.content.decode()
    assert not TransitionItem.objects.filter(pk=optional.pk).exists()

    other = item(cast.program_a, "Support desk staffed")
    client.force_login(cast.contributor)
    page = client.get(url).content.decode()
    assert "Mark done" in page and reverse("delivery:transition_item_update", args=[other.pk]) not in page
    assert reverse("delivery:transition_item_delete", args=[other.pk]) not in page
    assert client.get(reverse("delivery:transition_item_update", args=[other.pk])).status_code == 403
    assert client.post(reverse("delivery:transition_item_delete", args=[other.pk])).status_code == 403
    assert TransitionItem.objects.filter(pk=other.pk).exists()


def test_status_report_pages_draft_and_submit(client, cast, plan):
    client.force_login(cast.manager)
    response = client.post(reverse("delivery:status_report_create", args=[cast.program_a.pk]), {"period": "2026-01"})
    report = StatusReport.objects.get()
    assert response.status_code == 302 and report.figures["tasks_total"] == 3
    url = reverse("delivery:status_report_detail", args=[report.pk])
    response = client.post(url, {"narrative": "", "action": "submit"})
    assert "narrative" in response.context["form"].errors
    client.post(url, {"narrative": "On track.", "action": "submit"})
    report.refresh_from_db()
    assert report.status == "submitted"
    assert "frozen" in client.get(url).content.decode()
    assert client.post(url, {"narrative": "x", "action": "save"}).status_code == 403


def test_vendor_submits_its_status_report_in_the_portal(client, cast, plan):
    contract = contract_of_a(cast)
    client.force_login(cast.vendor_x_admin)
    response = client.post(reverse("portal:status_reports"), {"contract": contract.pk, "period": "2026-01"})
    report = StatusReport.objects.get(by_vendor=True)
    assert response.status_code == 302 and report.contract == contract
    client.post(
        reverse("portal:status_report_detail", args=[report.pk]), {"narrative": "Hiring done", "action": "submit"}
    )
    report.refresh_from_db()
    assert report.status == "submitted"
    client.force_login(cast.vendor_y_admin)
    assert client.get(reverse("portal:status_report_detail", args=[report.pk])).status_code == 404


def _month(offset=0):
    """The first day of the month `offset` months from this one (0: this month, -1: last month)."""
    first = timezone.localdate().replace(day=1)
    index = first.year * 12 + first.month - 1 + offset
    return date(index // 12, index % 12 + 1, 1)


def test_staff_form_offers_the_first_month_without_a_report_and_keeps_a_refused_one(client, cast, plan):
    StatusReport.objects.create(program=cast.program_a, period=_month(-1), created_by=cast.manager)
    client.force_login(cast.manager)
    url = reverse("delivery:status_report_create", args=[cast.program_a.pk])
    assert client.get(url).context["form"]["period"].value() == f"{_month(0):%Y-%m}"  # last month is reported
    response = client.post(url, {"period": f"{_month(-1):%Y-%m}"})
    assert response.status_code == 200 and StatusReport.objects.count() == 1
    assert "already a report" in response.context["form"].errors["period"][0]
    page = response.content.decode()
    assert f'name="period" value="{_month(-1):%Y-%m}"' in page  # what was typed is still there


def test_portal_form_offers_each_contracts_first_month_without_a_report(client, cast, plan):
    from tests.contracts.factories import ContractFactory

    first = contract_of_a(cast)
    second = ContractFactory(
        program=cast.program_a, vendor=cast.vendor_x, number="CA-2", status="active", start_date=_month(-24)
    )
    for month in (_month(-1), _month(0)):
        StatusReport.objects.create(
            program=cast.program_a, contract=second, by_vendor=True, period=month, created_by=cast.manager
        )
    StatusReport.objects.create(
        program=cast.program_a, contract=first, by_vendor=True, period=_month(-1), created_by=cast.manager
    )
    client.force_login(cast.vendor_x_admin)
    url = reverse("portal:status_reports")
    response = client.get(url)
    page = response.content.decode()
    # The first contract is selected: its month is offered; each option carries its own for the script.
    assert response.context["form"]["period"].value() == f"{_month(0):%Y-%m}"
    assert f'<option value="{first.pk}" data-value="{_month(0):%Y-%m}" selected>' in page
    assert f'<option value="{second.pk}" data-value="{_month(-2):%Y-%m}">' in page
    assert client.get(url, {"contract": second.pk}).context["form"]["period"].value() == f"{_month(-2):%Y-%m}"
    # A month already reported: refused next to the month, the contract and the month typed kept.
    response = client.post(url, {"contract": second.pk, "period": f"{_month(-1):%Y-%m}"})
    assert response.status_code == 200 and StatusReport.objects.count() == 3
    assert "already a report" in response.context["form"].errors["period"][0]
    page = response.content.decode()
    assert f'<option value="{second.pk}" data-value="{_month(-2):%Y-%m}" selected>' in page
    assert f'name="period" value="{_month(-1):%Y-%m}"' in page


def test_api_vendor_reads_its_tasks_and_records_progress_only(client, cast, plan):
    client.force_login(cast.vendor_x_user)
    rows = client.get("/api/v1/plan-tasks/").json()["results"]
    assert [r["name"] for r in rows] == ["Build"]
    url = f"/api/v1/plan-tasks/{plan['build'].pk}/"
    assert client.patch(url, {"name": "Renamed"}, content_type="application/json").status_code == 403
    response = client.post(
        url + "progress/", {"percent_complete": 10, "actual_start": "2026-01-12"}, content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["percent_complete"] == 10
    assert client.get(f"/api/v1/plan-tasks/{plan['design'].pk}/").status_code == 404
    assert client.get("/api/v1/transition-items/").status_code == 403


def test_api_manager_creates_a_task_and_gets_field_errors(client, cast, plan):
    client.force_login(cast.manager)
    data = {
        "program": cast.program_a.pk,
        "work_package": package(cast.program_a).pk,
        "name": "Cut-over",
        "baseline_start": "2026-01-05",
        "baseline_finish": "2026-01-25",
        "depends_on": [plan["build"].pk],
    }
    response = client.post("/api/v1/plan-tasks/", data, content_type="application/json")
    assert response.status_code == 400 and "baseline_start" in str(response.json())
    data["baseline_start"] = "2026-01-21"
    response = client.post("/api/v1/plan-tasks/", data, content_type="application/json")
    assert response.status_code == 201 and response.json()["finish_variance"] > 0  # not started, baseline passed
    response = client.post(
        "/api/v1/status-reports/",
        {"program": cast.program_a.pk, "period": "2026-01-01"},
        content_type="application/json",
    )
    assert response.status_code == 201 and response.json()["status"] == "draft"
    pk = response.json()["id"]
    response = client.post(
        f"/api/v1/status-reports/{pk}/submit/", {"narrative": "Fine"}, content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["status"] == "submitted"


def test_list_pages_do_not_grow_with_rows(client, cast, plan):
    def make(n, offset):
        for i in range(n):
            work_package = package(cast.program_a, f"Package {offset + i}")  # the plan page lists packages too
            task(cast.program_a, f"T{offset + i}", 1, 2, vendor=cast.vendor_x, work_package=work_package)
            StatusReport.objects.create(
                program=cast.program_a,
                period=date(2020 + offset // 10 + i // 12, i % 12 + 1, 1),
                created_by=cast.manager,
            )

    def count(user, url):
        client.force_login(user)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    pages = [
        (cast.manager, reverse("delivery:task_list")),
        (cast.manager, reverse("delivery:plan", args=[cast.program_a.pk])),
        (cast.manager, reverse("delivery:status_report_list")),
        (cast.manager, "/api/v1/plan-tasks/"),
        (cast.manager, "/api/v1/status-reports/"),
        (cast.vendor_x_user, reverse("portal:tasks")),
        (cast.vendor_x_user, "/api/v1/plan-tasks/"),
    ]
    make(5, 0)
    few = [count(u, url) for u, url in pages]
    make(30, 40)
    assert [count(u, url) for u, url in pages] == few


def test_home_pages_show_open_tasks(client, cast, plan):
    task(cast.program_a, "Sign-off", 21, 22, owner=cast.contributor)
    client.force_login(cast.contributor)
    page = client.get(reverse("core:home")).content.decode()
    assert "My plan tasks" in page and "Sign-off" in page
    assert client.get(reverse("delivery:task_list") + "?mine=true").context["paginator"].count == 1
    client.force_login(cast.vendor_x_user)
    page = client.get(reverse("portal:home")).content.decode()
    assert "Open plan tasks" in page and "Build" in page and "Sign-off" not in page
    client.force_login(cast.vendor_y_admin)
    assert "Open plan tasks" not in client.get(reverse("portal:home")).content.decode()


def test_task_and_report_lists_export(client, cast, plan):
    client.force_login(cast.manager)
    response = client.get(reverse("delivery:task_list") + "?export=csv&state=open")
    text = b"".join(response.streaming_content if response.streaming else [response.content]).decode("utf-8-sig")
    assert "Finish variance (days)" in text and "Build" in text and "Design" in text
    response = client.get(reverse("delivery:status_report_list") + "?export=xlsx")
    assert response.status_code == 200


def test_api_progress_with_a_stale_if_match_is_refused_with_409(client, cast, plan):
    """POST progress honours If-Match as PUT/PATCH do (user test 2026-11-27: a stale client could
    overwrite a newer update through the API); without the header it is not checked."""
    client.force_login(cast.vendor_x_user)
    url = f"/api/v1/plan-tasks/{plan['build'].pk}/"
    read = client.get(url)
    tag = read["ETag"]
    first = client.post(
        url + "progress/",
        {"percent_complete": 80, "actual_start": "2026-01-12"},
        content_type="application/json",
        HTTP_IF_MATCH=tag,
    )
    assert first.status_code == 200, first.content
    assert first["ETag"] != tag and first.json()["percent_complete"] == 80
    stale = client.post(
        url + "progress/",
        {"percent_complete": 35, "actual_start": "2026-01-12"},
        content_type="application/json",
        HTTP_IF_MATCH=tag,
    )
    assert stale.status_code == 409 and stale.json()["errors"][0]["code"] == "conflict"
    assert client.get(url).json()["percent_complete"] == 80
    fresh = client.post(
        url + "progress/",
        {"percent_complete": 85, "actual_start": "2026-01-12"},
        content_type="application/json",
        HTTP_IF_MATCH=first["ETag"],
    )
    assert fresh.status_code == 200 and fresh.json()["percent_complete"] == 85
