"""Team page: a member who owns open records of the program (a task, a risk, an obligation...) is
not removed, nor made an evaluator only, until those records are reassigned: they were given them
because they could see the program (risk.selectors.may_see_program) and would keep them unseen.
A closed record does not hold anyone; someone who reads every program (an administrator, finance)
or sponsors it reads it anyway and is not held."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bpo.accounts import services
from bpo.accounts.models import ProgramMembership
from bpo.accounts.open_records import kinds as open_record_kinds
from bpo.accounts.open_records import open_records
from contracts.models import Obligation
from delivery.models import Communication, SupportRequest
from performance.improvement.models import ImprovementInitiative
from risk.models import ContingencyPlan, CorrectiveAction, Risk
from tests.contracts.factories import contract_of_a
from tests.delivery.engagement_factories import action_item_of_x, support_request_of_x
from tests.delivery.plan_factories import task

pytestmark = pytest.mark.django_db


@pytest.fixture
def li_wei(cast):
    cast.contributor.first_name, cast.contributor.last_name = "Li", "Wei"
    cast.contributor.save(update_fields=["first_name", "last_name"])
    return cast.contributor


def _risk(cast, owner, title="Data loss", status="open"):
    return Risk.objects.create(
        program=cast.program_a, title=title, category="data", event="x", owner=owner, status=status
    )


def _membership(cast, user):
    return ProgramMembership.objects.get(program=cast.program_a, user=user)


def _team(cast):
    return reverse("accounts:program_members", args=[cast.program_a.pk])


def _delete(membership):
    return reverse("accounts:membership_delete", args=[membership.pk])


def test_removing_a_member_who_owns_open_records_is_refused_on_the_team_page(cast, client, li_wei):
    t = task(cast.program_a, "Cut-over rehearsal", 1, 10, owner=li_wei)
    risk = _risk(cast, li_wei)
    client.force_login(cast.manager)
    membership = _membership(cast, li_wei)
    response = client.post(_delete(membership))
    assert response.status_code == 200
    html = response.content.decode()
    refusal = html[html.index('id="removal-refused"') :]
    assert "Li Wei still owns 2 open records of PA: task" in refusal and "reassign them first." in refusal
    assert f'<a href="{t.get_absolute_url()}">Cut-over rehearsal</a>' in refusal
    assert f'<a href="{risk.get_absolute_url()}">{risk.reference} Data loss</a>' in refusal
    assert ProgramMembership.objects.filter(pk=membership.pk).exists()
    # The page's form still sends to the team page, not to the removal it was refused on.
    assert f'action="{_team(cast)}"' in html


def test_changing_a_member_to_evaluator_is_refused_next_to_the_role(cast, client, li_wei):
    support = support_request_of_x(cast)
    SupportRequest.objects.filter(pk=support.pk).update(assignee=li_wei)
    client.force_login(cast.manager)
    response = client.post(_team(cast), {"user": li_wei.pk, "role": "evaluator"})
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["role"] == [
        f'Li Wei still owns 1 open record of PA: support request “<a href="{support.get_absolute_url()}">'
        f"{support.reference} Reset my CRM access</a>”; reassign it first."
    ]
    # What was typed is kept.
    assert form["user"].value() == str(li_wei.pk) and form["role"].value() == "evaluator"
    assert _membership(cast, li_wei).role == "contributor"
    # Another reading role is fine.
    response = client.post(_team(cast), {"user": li_wei.pk, "role": "viewer"})
    assert response.status_code == 302 and _membership(cast, li_wei).role == "viewer"


def test_closed_records_do_not_hold_a_member(cast, client, li_wei):
    task(
        cast.program_a,
        "Done long ago",
        1,
        10,
        owner=li_wei,
        actual_start=date(2026, 1, 1),
        actual_finish=date(2026, 1, 9),
    )
    _risk(cast, li_wei, status="closed")
    contract = contract_of_a(cast)
    Obligation.objects.create(
        contract=contract,
        party="client",
        category="reporting",
        title="Report",
        due_date=date(2026, 2, 5),
        owner=li_wei,
        status="done",
    )
    CorrectiveAction.objects.create(
        program=cast.program_a,
        source="risk_review",
        title="Fixed",
        problem="p",
        owner=li_wei,
        due_date=date(2026, 3, 1),
        status="dismissed",
    )
    ImprovementInitiative.objects.create(
        program=cast.program_a, title="Dropped", proposed_by=cast.manager, owner=li_wei, status="rejected"
    )
    # An open record of another program does not hold them here either.
    Risk.objects.filter(pk=_risk(cast, li_wei, title="Other program").pk).update(program=cast.program_b)
    still_open = task(cast.program_a, "Still open", 1, 10, owner=li_wei)
    client.force_login(cast.manager)
    response = client.post(_team(cast), {"user": li_wei.pk, "role": "evaluator"})
    assert response.status_code == 200
    (message,) = response.context["form"].errors["role"]
    assert message.startswith("Li Wei still owns 1 open record of PA: task “<a ")
    assert "Still open" in message and "Done long ago" not in message
    # Once it is finished too, nothing holds them.
    still_open.actual_start, still_open.actual_finish = date(2026, 1, 1), date(2026, 1, 10)
    still_open.save()
    response = client.post(_team(cast), {"user": li_wei.pk, "role": "evaluator"})
    assert response.status_code == 302 and _membership(cast, li_wei).role == "evaluator"
    response = client.post(_delete(_membership(cast, li_wei)))
    assert response.status_code == 302
    assert not ProgramMembership.objects.filter(program=cast.program_a, user=li_wei).exists()


def test_every_kind_of_open_record_is_named_with_few_queries(cast, li_wei):
    contract = contract_of_a(cast)
    task(cast.program_a, "Knowledge transfer", 1, 10, owner=li_wei)
    support = support_request_of_x(cast)
    SupportRequest.objects.filter(pk=support.pk).update(assignee=li_wei, status="in_progress")
    action_item_of_x(cast, owner=li_wei, title="Send the staffing plan")
    Communication.objects.create(
        program=cast.program_a,
        audience="Business owners",
        content="Summary",
        frequency="monthly",
        channel="email",
        owner=li_wei,
    )
    _risk(cast, li_wei)
    CorrectiveAction.objects.create(
        program=cast.program_a,
        source="risk_review",
        title="Retrain agents",
        problem="p",
        owner=li_wei,
        due_date=date(2026, 3, 1),
        status="done",
    )
    ContingencyPlan.objects.create(program=cast.program_a, title="Site outage", scenario="x", owner=li_wei)
    Obligation.objects.create(
        contract=contract,
        party="client",
        category="reporting",
        title="Quarterly review",
        due_date=date(2026, 2, 5),
        owner=li_wei,
    )
    ImprovementInitiative.objects.create(
        program=cast.program_a, title="Automate matching", proposed_by=cast.manager, owner=li_wei
    )
    membership = _membership(cast, li_wei)
    with CaptureQueriesContext(connection) as queries, pytest.raises(services.OpenRecordsRefusal) as exc:
        services.membership_remove(by=cast.manager, membership=membership)
    kinds = [r.kind for r in exc.value.records]
    assert kinds == [
        "task",
        "support request",
        "action item",
        "communication",
        "risk",
        "corrective action",
        "contingency plan",
        "obligation",
        "improvement initiative",
    ]
    assert exc.value.text.startswith("Li Wei still owns 9 open records of PA: task “Knowledge transfer”, ")
    assert "obligation “Quarterly review”" in exc.value.text
    # One query per kind of record, however many records of each (plus the permission checks).
    assert len(queries) <= 16
    assert ProgramMembership.objects.filter(pk=membership.pk).exists()
    task(cast.program_a, "Parallel run", 11, 20, owner=li_wei)
    _risk(cast, li_wei, title="Attrition")
    with CaptureQueriesContext(connection) as queries:
        assert len(open_records(li_wei, cast.program_a)) == 11
    assert len(queries) == len(open_record_kinds())


def test_ten_records_are_named_and_the_rest_counted(cast, li_wei):
    for n in range(12):
        task(cast.program_a, f"Task {n:02d}", 1, 10, owner=li_wei)
    with pytest.raises(ValidationError) as exc:
        services.membership_set(by=cast.manager, program=cast.program_a, user=li_wei, role="evaluator")
    (message,) = exc.value.message_dict["role"]
    assert message.startswith("Li Wei still owns 12 open records of PA: task “Task 00”, ")
    assert "task “Task 09” and 2 more; reassign them first." in message
    assert "Task 10" not in message


@pytest.mark.parametrize("who", ["admin", "executive", "sponsor", "evaluator"])
def test_who_reads_the_program_anyway_or_never_did_is_not_held(cast, client, li_wei, who):
    """An administrator, an executive or the sponsor still read the program's records; an
    evaluator-only member never did, so removing them changes nothing of what they see. A plain
    member is held, and so is a finance or legal member (they read every program's money or
    contracts, its other records only as members: tests/accounts/test_user_deactivation_open_records.py)."""
    user = {"sponsor": cast.viewer}.get(who) or getattr(cast, who)
    if who == "sponsor":
        cast.program_a.sponsor = user
        cast.program_a.save(update_fields=["sponsor"])
    elif who != "evaluator":
        ProgramMembership.objects.create(program=cast.program_a, user=user, role="contributor")
    _risk(cast, user)
    _risk(cast, li_wei)
    client.force_login(cast.manager)
    response = client.post(_delete(_membership(cast, li_wei)))
    assert response.status_code == 200 and "Li Wei still owns 1 open record" in response.content.decode()
    if who != "evaluator":
        response = client.post(_team(cast), {"user": user.pk, "role": "evaluator"})
        assert response.status_code == 302 and _membership(cast, user).role == "evaluator"
    assert client.post(_delete(_membership(cast, user))).status_code == 302
    assert not ProgramMembership.objects.filter(program=cast.program_a, user=user).exists()
    assert _membership(cast, li_wei).role == "contributor"


def test_the_user_page_refuses_too(cast, client, li_wei):
    risk = _risk(cast, li_wei)
    client.force_login(cast.admin)
    page = reverse("accounts:user_detail", args=[li_wei.pk])
    response = client.post(page, {"program": cast.program_a.pk, "role": "evaluator"})
    assert response.status_code == 200 and "Li Wei still owns 1 open record of PA" in str(
        response.context["form"].errors["role"]
    )
    response = client.post(_delete(_membership(cast, li_wei)), {"next": "user"})
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<a href="{risk.get_absolute_url()}">' in html[html.index('id="removal-refused"') :]
    assert f'action="{page}"' in html
    assert _membership(cast, li_wei).role == "contributor"


API = "/api/v1/program-memberships/"


def test_the_api_refuses_a_removal_and_a_role_change_with_400(cast, client, li_wei):
    t = task(cast.program_a, "Cut-over rehearsal", 1, 10, owner=li_wei)
    membership = _membership(cast, li_wei)
    client.force_login(cast.manager)
    url = f"{API}{membership.pk}/"
    response = client.delete(url)
    assert response.status_code == 400, response.content
    expected = "Li Wei still owns 1 open record of PA: task “Cut-over rehearsal”; reassign it first."
    assert [e["detail"] for e in response.json()["errors"]] == [expected]
    response = client.patch(url, {"role": "evaluator"}, content_type="application/json")
    assert response.status_code == 400
    assert [(e["attr"], e["detail"]) for e in response.json()["errors"]] == [("role", expected)]
    membership.refresh_from_db()
    assert membership.role == "contributor"
    # Reassigned, both go through.
    t.owner = cast.viewer
    t.save()
    response = client.patch(url, {"role": "evaluator"}, content_type="application/json")
    assert response.status_code == 200 and response.json()["role"] == "evaluator"
    assert client.delete(url).status_code == 204
    assert not ProgramMembership.objects.filter(pk=membership.pk).exists()


def test_the_api_lets_an_administrator_member_go_with_open_records(cast, client, li_wei):
    _risk(cast, li_wei)
    client.force_login(cast.manager)
    response = client.post(API, {"program": cast.program_a.pk, "user": cast.admin.pk, "role": "contributor"})
    assert response.status_code == 201, response.content
    admin_membership = response.json()["id"]
    _risk(cast, cast.admin, title="Admin's")
    assert client.delete(f"{API}{_membership(cast, li_wei).pk}/").status_code == 400
    response = client.patch(f"{API}{admin_membership}/", {"role": "evaluator"}, content_type="application/json")
    assert response.status_code == 200
    assert client.delete(f"{API}{admin_membership}/").status_code == 204
    assert _membership(cast, li_wei).role == "contributor"


def test_a_rating_still_to_give_on_a_draft_scorecard_holds_the_reviewer(cast, li_wei):
    from performance.scorecards import services as scorecards
    from tests.performance.scorecard_helpers import finalized_period, template

    template()
    card, _ = scorecards.scorecard_draft(period=finalized_period(cast), by=cast.manager)
    scorecards.scorecard_set_reviewers(scorecard=card, reviewers=[cast.manager, li_wei], by=cast.manager)
    membership = _membership(cast, li_wei)
    with pytest.raises(services.OpenRecordsRefusal) as exc:
        services.membership_remove(by=cast.manager, membership=membership)
    assert [(r.kind, r.label, r.url) for r in exc.value.records] == [("scorecard", str(card), card.get_absolute_url())]
    # Once they have rated (every criterion of theirs), nothing is left to them.
    scorecards.scorecard_rate(scorecard=card, by=li_wei, rating=4)
    services.membership_remove(by=cast.manager, membership=membership)
    assert not ProgramMembership.objects.filter(pk=membership.pk).exists()


def test_the_refusal_reads_in_chinese(cast, client, li_wei):
    t = task(cast.program_a, "切换演练", 1, 10, owner=li_wei)
    cast.manager.language = "zh-hans"
    cast.manager.save(update_fields=["language"])
    client.force_login(cast.manager)
    response = client.post(_delete(_membership(cast, li_wei)), HTTP_ACCEPT_LANGUAGE="zh-hans")
    html = response.content.decode()
    refusal = html[html.index('id="removal-refused"') :]
    assert f'Li Wei 仍负责 PA 的 1 条未关闭记录：任务“<a href="{t.get_absolute_url()}">切换演练</a>”' in refusal
    assert "请先将其转交他人。" in refusal
