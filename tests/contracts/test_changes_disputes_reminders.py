"""Change requests and amendments (versions), disputes with escalation, and reminders that are sent once."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from bpo.core.models import Notification
from contracts import services, tasks
from contracts.models import Contract, Dispute, Obligation

from .factories import ContractFactory, ServiceLevelFactory


@pytest.fixture
def signed(cast):
    contract = ContractFactory(program=cast.program_a, vendor=cast.vendor_x, status="active")
    ServiceLevelFactory(contract=contract, code="ASA20")
    services.contracts.record_version(contract, cast.manager)
    return contract


def test_vendor_raises_a_change_that_becomes_an_amendment(cast, signed, client, django_capture_on_commit_callbacks):
    client.force_login(cast.vendor_x_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("portal:contract_change_create", args=[signed.pk]),
            {
                "title": "Add weekend cover",
                "description": "Sat/Sun 8-20",
                "proposed_terms": "monthly_fee: 110000\nend_date: 2028-06-30",
            },
        )
    assert response.status_code == 302
    change = signed.change_requests.get()
    assert change.proposed_terms == {"monthly_fee": "110000", "end_date": "2028-06-30"}
    assert Notification.objects.filter(recipient=cast.manager, title__contains="Add weekend cover").exists()

    with pytest.raises(ValidationError):  # assess before deciding
        services.change_request_decide(change=change, by=cast.manager, approve=True)
    with pytest.raises(PermissionDenied):
        services.change_request_assess(change=change, by=cast.contributor, cost_impact=Decimal("120000"))
    services.change_request_assess(
        change=change, by=cast.manager, cost_impact=Decimal("120000"), schedule_impact_days=0, scope_impact="Weekends"
    )
    services.change_request_decide(change=change, by=cast.manager, approve=True, comments="Agreed")
    signed.refresh_from_db()
    assert (signed.monthly_fee, signed.end_date, signed.terms_version) == (Decimal("110000"), date(2028, 6, 30), 2)
    v1, v2 = signed.versions.order_by("number")
    assert (v1.reason, v2.reason, v2.change_request, v2.created_by) == ("signature", "amendment", change, cast.manager)
    assert v1.terms["monthly_fee"] == "100000.00" and v2.terms["monthly_fee"] == "110000.00"
    diff = {row["field"]: (row["old"], row["new"]) for row in services.versions_diff(v1.terms, v2.terms)}
    assert diff == {"monthly_fee": ("100000.00", "110000.00"), "end_date": ("2027-12-31", "2028-06-30")}
    client.force_login(cast.viewer)
    page = client.get(reverse("contracts:contract_versions", args=[signed.pk]) + "?a=1&b=2").content.decode()
    assert "110,000.00" in page and "100,000.00" in page  # as amounts, as the contract page prints them
    assert client.get(reverse("contracts:contract_versions", args=[signed.pk]) + "?v=1").status_code == 200


def test_a_change_with_unknown_or_invalid_terms_is_refused(cast, signed):
    for proposed in ({"colour": "red"}, {"monthly_fee": "lots"}, {"internal_notes": "x"}):
        with pytest.raises(ValidationError):
            services.change_request_create(
                contract=signed, by=cast.manager, title="t", description="d", proposed_terms=proposed
            )


def test_rejected_change_needs_reasons_and_leaves_terms(cast, signed):
    change = services.change_request_create(
        contract=signed, by=cast.contributor, title="t", description="d", proposed_terms={"monthly_fee": "1"}
    )
    services.change_request_assess(change=change, by=cast.manager, cost_impact=Decimal("-99999"))
    with pytest.raises(ValidationError):
        services.change_request_decide(change=change, by=cast.manager, approve=False, comments="")
    services.change_request_decide(change=change, by=cast.manager, approve=False, comments="No")
    signed.refresh_from_db()
    assert (signed.monthly_fee, signed.terms_version) == (Decimal("100000.00"), 1)


def test_change_pages(cast, signed, client):
    client.force_login(cast.manager)
    response = client.post(
        reverse("contracts:change_create", args=[signed.pk]),
        {"title": "More", "description": "d", "proposed_terms": "value: 3000000"},
    )
    change = signed.change_requests.get()
    assert response.status_code == 302
    client.post(
        reverse("contracts:change_detail", args=[change.pk]),
        {"step": "assess", "cost_impact": "1000", "scope_impact": "x"},
    )
    client.post(
        reverse("contracts:change_detail", args=[change.pk]), {"step": "decide", "approve": "1", "comments": "ok"}
    )
    signed.refresh_from_db()
    assert (signed.value, signed.terms_version) == (Decimal("3000000"), 2)
    assert "v2" in client.get(reverse("contracts:change_detail", args=[change.pk])).content.decode()


def test_dispute_escalates_automatically_once_per_level_and_is_resolved(
    cast, signed, django_capture_on_commit_callbacks
):
    dispute = services.dispute_open(
        contract=signed, by=cast.vendor_x_user, title="Invoice 3", description="Overcharged"
    )
    assert (dispute.level, dispute.level_deadline) == (1, date.today() + timedelta(days=10))
    later = dispute.level_deadline + timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.disputes_escalate_overdue(today=later) == 1
    assert services.disputes_escalate_overdue(today=later) == 0  # the second run finds nothing due
    dispute.refresh_from_db()
    assert (dispute.level, dispute.level_deadline) == (2, later + timedelta(days=10))
    escalation = dispute.escalations.get()
    assert (escalation.from_level, escalation.to_level, escalation.automatic) == (1, 2, True)
    assert Notification.objects.filter(recipient=cast.manager, event_key=f"dispute:{dispute.pk}:level:2").count() == 1
    services.dispute_escalate(dispute=dispute, by=cast.contributor, reason="No answer")
    dispute.refresh_from_db()
    assert dispute.level == 3
    with pytest.raises(ValidationError):
        services.dispute_resolve(dispute=dispute, by=cast.manager, resolution=" ")
    with pytest.raises(PermissionDenied):
        services.dispute_resolve(dispute=dispute, by=cast.viewer, resolution="x")
    services.dispute_resolve(dispute=dispute, by=cast.manager, resolution="Credit note issued")
    dispute.refresh_from_db()
    assert dispute.status == "resolved"
    assert services.disputes_escalate_overdue(today=later + timedelta(days=100)) == 0


def test_dispute_stops_at_mediation(cast, signed):
    dispute = Dispute.objects.create(
        contract=signed, title="t", description="d", raised_by=cast.manager, level=4, level_deadline=date(2026, 1, 1)
    )
    assert services.disputes_escalate_overdue(today=date(2026, 6, 1)) == 0
    with pytest.raises(ValidationError):
        services.dispute_escalate(dispute=dispute, by=cast.manager)


@pytest.mark.parametrize(("days_before", "step"), [(90, 90), (75, 90), (60, 60), (31, 60), (30, 30), (1, 30), (0, 30)])
def test_notice_reminder_sends_the_nearest_step_once(cast, days_before, step):
    contract = ContractFactory(
        program=cast.program_a,
        vendor=cast.vendor_x,
        status="active",
        end_date=date(2027, 12, 31),
        notice_period_days=90,
    )
    today = contract.notice_deadline - timedelta(days=days_before)
    assert services.contract_notice_reminders(today=today) == 1
    assert services.contract_notice_reminders(today=today) == 0  # never twice
    note = Notification.objects.get(recipient=cast.manager)
    assert note.event_key.endswith(f":{step}")


def test_no_notice_reminder_far_ahead_after_the_deadline_or_for_drafts(cast):
    active = ContractFactory(program=cast.program_a, vendor=cast.vendor_x, status="active", end_date=date(2027, 12, 31))
    ContractFactory(program=cast.program_a, vendor=cast.vendor_x, status="draft", end_date=date(2027, 12, 31))
    assert services.contract_notice_reminders(today=active.notice_deadline - timedelta(days=91)) == 0
    assert services.contract_notice_reminders(today=active.notice_deadline + timedelta(days=1)) == 0
    assert services.contract_notice_reminders(today=active.notice_deadline - timedelta(days=10)) == 1


def test_obligation_reminders_due_soon_then_overdue_once_each(cast, signed):
    ob = Obligation.objects.create(
        contract=signed,
        party="vendor",
        category="reporting",
        title="Monthly report",
        due_date=date(2026, 3, 5),
        owner=cast.vendor_x_user,
    )
    assert services.obligation_reminders(today=date(2026, 2, 20)) == 0
    assert services.obligation_reminders(today=date(2026, 3, 1)) == 1
    assert services.obligation_reminders(today=date(2026, 3, 2)) == 0
    assert services.obligation_reminders(today=date(2026, 3, 6)) == 1
    assert services.obligation_reminders(today=date(2026, 3, 7)) == 0
    titles = list(Notification.objects.filter(recipient=cast.vendor_x_user).values_list("title", flat=True))
    assert sorted(t.split(":")[0] for t in titles) == ["Coming due", "Overdue"]
    # Done with evidence: a monthly obligation moves to its next due date and reminds again for it.
    services.obligation_update(obligation=ob, by=cast.manager, status="done", recurrence="monthly", evidence="Sent")
    ob.refresh_from_db()
    assert (ob.status, ob.due_date) == ("open", date(2026, 4, 5))
    assert services.obligation_reminders(today=date(2026, 4, 1)) == 1


def test_obligation_without_owner_reminds_the_program_managers(cast, signed):
    Obligation.objects.create(
        contract=signed, party="client", category="right", title="Audit right", due_date=date(2026, 3, 5)
    )
    services.obligation_reminders(today=date(2026, 3, 10))
    assert Notification.objects.filter(recipient=cast.manager, title__startswith="Overdue").exists()


def test_reminder_task_runs_both(cast, signed):
    Obligation.objects.create(contract=signed, party="client", category="right", title="x", due_date=date(2020, 1, 1))
    assert tasks.contract_reminders.delay().get()["obligations"] == 1
    assert tasks.escalate_overdue_disputes.delay().get() == 0


def test_home_panel_lists_contracts_waiting_for_the_user(cast, client):
    ContractFactory(program=cast.program_a, vendor=cast.vendor_x, status="legal_review", number="WAIT-1")
    client.force_login(cast.legal)
    assert "WAIT-1" in client.get("/").content.decode()
    client.force_login(cast.finance)
    assert "WAIT-1" not in client.get("/").content.decode()
    assert Contract.objects.count() == 1


def test_portal_home_lists_the_vendors_contracts(cast, client):
    ContractFactory(program=cast.program_a, vendor=cast.vendor_x, status="active", number="MINE-1")
    ContractFactory(program=cast.program_b, vendor=cast.vendor_y, status="active", number="THEIRS-1")
    client.force_login(cast.vendor_x_user)
    page = client.get(reverse("portal:home")).content.decode()
    assert "MINE-1" in page and "THEIRS-1" not in page


def test_reminder_titles_are_rendered_in_each_recipients_language(cast):
    """Titles stay lazy until notify() renders them under the recipient's language."""
    from django.utils import translation
    from django.utils.functional import Promise
    from django.utils.translation import gettext_lazy

    from contracts.services.contracts import interpolate

    title = interpolate(gettext_lazy("Contract %(number)s was sent back to draft"), {"number": "C-1"})
    assert isinstance(title, Promise)
    with translation.override("zh-hans"):
        assert "C-1" in str(title)
