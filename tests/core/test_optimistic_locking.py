"""Optimistic locking: a record changed by someone else since the form (or GET) is refused.

Edit pages carry the record's fingerprint (hidden `record_version`); a save whose fingerprint
is no longer the stored one is refused with a message on top of the form and what the user
typed kept. The API sends the fingerprint as ETag and answers 409 to a stale If-Match.
"""

import re
import threading
from datetime import date

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from bpo.core.locking import fingerprint, if_match_accepts, opened_version
from contracts.models import Contract
from risk.models import Risk
from strategy.models import Program
from strategy.services import charter_item_create
from tests.contracts.factories import contract_of_a
from tests.delivery.engagement_factories import meeting_of_a, support_request_of_x
from tests.performance.quality_helpers import standard
from tests.risk.records import risk_world
from vendors.models import Vendor

STALE = "Someone else changed this record since you opened it"


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _form_data(response):
    """What the opened form would post back unchanged: its current values and its version."""
    form = response.context["form"]
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None or value is False:
            continue
        if hasattr(value, "pk"):  # a plain Form's initial holds the related record itself
            value = value.pk
        data[form.add_prefix(name)] = "on" if value is True else value
    data["record_version"] = response.context["record_version"]
    return data


def _version_in(html):
    match = re.search(r'name="record_version" value="([0-9a-f]+)"', html)
    assert match, "the edit form carries no record_version"
    return match.group(1)


# --- two users, one program ------------------------------------------------------------


def test_second_save_is_refused_with_the_message_and_keeps_what_was_typed(cast):
    program = cast.program_a
    url = reverse("strategy:program_update", args=[program.pk])
    first, second = _client(cast.manager), _client(cast.admin)
    opened_first = first.get(url)
    opened_second = second.get(url)
    assert _version_in(opened_first.content.decode()) == fingerprint(Program.objects.get(pk=program.pk))

    data = _form_data(opened_first)
    data["name"] = "Program A renamed by the manager"
    saved = first.post(url, data)
    assert saved.status_code == 302

    data = _form_data(opened_second)
    data["description"] = "Typed by the administrator 管理员"
    refused = second.post(url, data)
    assert refused.status_code == 200
    html = refused.content.decode()
    assert STALE in html
    assert "Reload the page to see their changes" in html
    assert "Typed by the administrator 管理员" in html  # kept
    program.refresh_from_db()
    assert program.name == "Program A renamed by the manager"  # the first save stands
    assert program.description != "Typed by the administrator 管理员"  # the second is not saved
    # the re-rendered form is still the stale one: submitting it again is refused again
    assert _version_in(html) == data["record_version"]
    assert STALE in second.post(url, data).content.decode()


def test_the_refusal_names_who_changed_the_record_last(cast):
    url = reverse("strategy:program_update", args=[cast.program_a.pk])
    first, second = _client(cast.manager), _client(cast.admin)
    data_first, data_second = _form_data(first.get(url)), _form_data(second.get(url))
    data_first["name"] = "Renamed"
    first.post(url, data_first)
    html = second.post(url, data_second).content.decode()
    assert "last change by" in html
    assert (cast.manager.get_full_name() or cast.manager.get_username()) in html


def test_after_reloading_the_second_user_saves(cast):
    url = reverse("strategy:program_update", args=[cast.program_a.pk])
    first, second = _client(cast.manager), _client(cast.admin)
    stale = _form_data(second.get(url))
    data = _form_data(first.get(url))
    data["name"] = "Renamed first"
    first.post(url, data)
    assert STALE in second.post(url, stale).content.decode()
    fresh = _form_data(second.get(url))
    fresh["description"] = "Now on the current version"
    assert second.post(url, fresh).status_code == 302
    cast.program_a.refresh_from_db()
    assert cast.program_a.name == "Renamed first"
    assert cast.program_a.description == "Now on the current version"


def test_a_post_without_a_version_is_not_checked(cast):
    url = reverse("strategy:program_update", args=[cast.program_a.pk])
    client = _client(cast.manager)
    data = _form_data(client.get(url))
    del data["record_version"]
    data["name"] = "Unchecked"
    assert client.post(url, data).status_code == 302


def test_fingerprint_ignores_values_the_model_keeps_for_itself(cast):
    before = fingerprint(cast.manager)
    cast.manager.last_login = cast.manager.date_joined
    cast.manager.set_password("another one")
    assert fingerprint(cast.manager) == before
    cast.manager.email = "changed@example.com"
    assert fingerprint(cast.manager) != before


# --- every app's main edit page carries the version and checks it ------------------------


def _initiative_of_a(cast):
    from performance.improvement.models import ImprovementInitiative

    return ImprovementInitiative.objects.create(
        program=cast.program_a, title="Automate matching", proposed_by=cast.manager
    )


def _objective(cast):
    return charter_item_create(program=cast.program_a, kind="objective", by=cast.manager, statement="Cut cost")


def _rate_line_of_a_draft(cast):
    from contracts.models import RateCardLine
    from tests.contracts.factories import ContractFactory

    draft = ContractFactory(program=cast.program_a, vendor=cast.vendor_x, status="draft")
    return RateCardLine.objects.create(contract=draft, item="Agent hour", unit="hour", rate=30)


def _task_of_a(cast):
    from tests.delivery.plan_factories import task

    contract_of_a(cast)  # a vendor is offered for a task only with a contract in the program
    return task(cast.program_a, "Hire agents", date(2026, 1, 1), date(2026, 1, 31), vendor=cast.vendor_x)


def _transition_item_of_a(cast):
    from tests.delivery.plan_factories import item

    return item(cast.program_a, "Support desk staffed", due_date=date(2026, 3, 1))


EDIT_PAGES = {
    "program": ("strategy:program_update", lambda c: c.program_a, "manager"),
    "charter objective": (
        "strategy:charter_item_update",
        _objective,
        "manager",
    ),
    "vendor": ("vendors:vendor_update", lambda c: c.vendor_x, "admin"),
    "contract": ("contracts:contract_update", contract_of_a, "manager"),
    "risk": ("risk:risk_update", lambda c: risk_world(c)["risk"], "manager"),
    "continuity plan": ("risk:plan_update", lambda c: risk_world(c)["plan"], "manager"),
    "incident": ("risk:incident_update", lambda c: risk_world(c)["incident"], "manager"),
    "user": ("accounts:user_update", lambda c: c.viewer, "admin"),
    # apps whose form views override form_valid: the check sits in RecordFormView.post
    "meeting": ("delivery:meeting_update", lambda c: meeting_of_a(c), "manager"),
    "support request": ("delivery:support_update", lambda c: support_request_of_x(c), "manager"),
    "quality standard": ("performance:quality_standard_update", lambda c: standard(c), "manager"),
    "improvement initiative": ("performance:initiative_update", lambda c: _initiative_of_a(c), "manager"),
    # function views: opened_version / check_version called by the view itself
    "rate card line": ("contracts:rate_update", _rate_line_of_a_draft, "manager"),
    "task": ("delivery:task_update", _task_of_a, "manager"),
    "work package": ("delivery:work_package_update", lambda c: _task_of_a(c).work_package, "manager"),
    "transition item": ("delivery:transition_item_update", _transition_item_of_a, "manager"),
}


def _edit_url(name, obj):
    if name == "strategy:charter_item_update":
        return reverse(name, kwargs={"kind": "objective", "pk": obj.pk})
    return reverse(name, args=[obj.pk])


@pytest.mark.parametrize("page", list(EDIT_PAGES))
def test_edit_page_carries_the_fingerprint_and_refuses_a_stale_one(cast, page):
    url_name, make, role = EDIT_PAGES[page]
    obj = make(cast)
    url = _edit_url(url_name, obj)
    client = _client(getattr(cast, role))
    opened = client.get(url)
    assert opened.status_code == 200
    assert _version_in(opened.content.decode()) == fingerprint(type(obj).objects.get(pk=obj.pk))

    stale = _form_data(opened)
    stale["record_version"] = "0" * 20
    before = fingerprint(type(obj).objects.get(pk=obj.pk))
    refused = client.post(url, stale)
    assert refused.status_code == 200 and STALE in refused.content.decode()
    assert fingerprint(type(obj).objects.get(pk=obj.pk)) == before

    # the same form with the version it was opened with goes through
    saved = client.post(url, _form_data(opened))
    assert saved.status_code == 302, saved.context["form"].errors if saved.context else saved


# --- API: ETag and If-Match ---------------------------------------------------------------


def _api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_api_get_sends_the_etag_and_a_matching_if_match_saves(cast):
    api = _api(cast.manager)
    url = reverse("program-detail", args=[cast.program_a.pk])
    read = api.get(url)
    assert read.status_code == 200
    tag = read["ETag"]
    assert tag == f'"{fingerprint(Program.objects.get(pk=cast.program_a.pk))}"'
    changed = api.patch(url, {"name": "Renamed over the API"}, format="json", HTTP_IF_MATCH=tag)
    assert changed.status_code == 200
    assert changed["ETag"] != tag
    assert changed["ETag"] == api.get(url)["ETag"]  # the answer names the stored version


def test_api_stale_if_match_is_a_409_in_the_standard_error_format(cast):
    url = reverse("program-detail", args=[cast.program_a.pk])
    manager, admin = _api(cast.manager), _api(cast.admin)
    tag = manager.get(url)["ETag"]
    assert admin.patch(url, {"name": "Admin was first"}, format="json", HTTP_IF_MATCH=tag).status_code == 200

    refused = manager.patch(url, {"description": "Too late"}, format="json", HTTP_IF_MATCH=tag)
    assert refused.status_code == 409
    body = refused.json()
    assert body["type"] == "client_error"
    assert [(e["code"], e["attr"]) for e in body["errors"]] == [("conflict", None)]
    assert "ETag" in body["errors"][0]["detail"]
    cast.program_a.refresh_from_db()
    assert cast.program_a.name == "Admin was first" and cast.program_a.description != "Too late"

    # PUT is checked the same way
    full = {**manager.get(url).json(), "description": "Too late"}
    assert manager.put(url, full, format="json", HTTP_IF_MATCH=tag).status_code == 409


def test_api_without_if_match_keeps_working(cast):
    api = _api(cast.manager)
    url = reverse("program-detail", args=[cast.program_a.pk])
    assert api.patch(url, {"name": "No header"}, format="json").status_code == 200
    assert Program.objects.get(pk=cast.program_a.pk).name == "No header"


def test_api_if_match_is_checked_after_access(cast):
    """A record the caller may not see stays a 404 and one they may not change a 403."""
    url = reverse("program-detail", args=[cast.program_a.pk])
    assert _api(cast.outsider).patch(url, {"name": "x"}, format="json", HTTP_IF_MATCH='"0"').status_code == 404
    assert _api(cast.viewer).patch(url, {"name": "x"}, format="json", HTTP_IF_MATCH='"0"').status_code == 403


@pytest.mark.parametrize(
    "header, ok",
    [('"abc"', True), ('W/"abc"', True), ('"x", "abc"', True), ("*", True), ('"abd"', False), ("", False)],
)
def test_if_match_parsing(header, ok):
    assert if_match_accepts(header, "abc") is ok


@pytest.mark.parametrize(
    "basename, model, make",
    [
        ("vendor", Vendor, lambda c: c.vendor_x),
        ("contract", Contract, contract_of_a),
        ("risk", Risk, lambda c: risk_world(c)["risk"]),
    ],
)
def test_api_detail_of_other_apps_sends_the_etag(cast, basename, model, make):
    obj = make(cast)
    response = _api(cast.admin).get(reverse(f"{basename}-detail", args=[obj.pk]))
    assert response.status_code == 200
    assert response["ETag"] == f'"{fingerprint(model.objects.get(pk=obj.pk))}"'


def test_opened_version_for_views_not_built_on_record_form_view(cast, rf):
    program = Program.objects.get(pk=cast.program_a.pk)
    assert opened_version(rf.get("/"), program) == fingerprint(program)
    assert opened_version(rf.post("/", {"record_version": "abc"}), program) == "abc"
    assert opened_version(rf.post("/", {}), program) == fingerprint(program)
    assert opened_version(rf.get("/"), None) is None


# --- truly at once (PostgreSQL: SQLite serializes writers) -------------------------------


@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent transactions need PostgreSQL")
def test_two_saves_at_the_same_moment_with_the_same_etag_one_wins(live_cast):
    url = reverse("program-detail", args=[live_cast.program_a.pk])
    tag = _api(live_cast.manager).get(url)["ETag"]
    barrier, statuses = threading.Barrier(2), []

    def save(user, name):
        try:
            api = _api(user)
            barrier.wait()
            statuses.append(api.patch(url, {"name": name}, format="json", HTTP_IF_MATCH=tag).status_code)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=save, args=(live_cast.manager, "By the manager")),
        threading.Thread(target=save, args=(live_cast.admin, "By the administrator")),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(statuses) == [200, 409]
