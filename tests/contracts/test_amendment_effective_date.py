"""Amendments take effect on a date: a change request's effective date (proposed, assessed, decided;
the decision day by default), checked against the contract's start, the closed months and its end;
a future-dated approval waits for the daily job, which applies it once on its day."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from bpo.core.models import Notification
from contracts import services, tasks
from contracts.models import ChangeRequest, ContractVersion
from contracts.services.lifecycle import add_months

from .factories import ContractFactory

D = Decimal


def _first_of_next_month(day: date) -> date:
    return add_months(day.replace(day=1), 1)


def _assessed(cast, contract, terms=None, **kwargs):
    change = services.change_request_create(
        contract=contract,
        by=cast.contributor,
        title="Weekend cover",
        description="Sat/Sun",
        proposed_terms=terms or {"monthly_fee": "120000"},
        **kwargs,
    )
    return services.change_request_assess(change=change, by=cast.manager, cost_impact=D("20000"))


def test_version_one_is_in_force_from_the_start_and_an_approval_defaults_to_today(cast, signed, today):
    change = _assessed(cast, signed)
    services.change_request_decide(change=change, by=cast.manager, approve=True)
    signed.refresh_from_db()
    v1, v2 = signed.versions.order_by("number")
    assert v1.effective_from == signed.start_date and v1.applied_at is not None
    assert (v2.effective_from, v2.pending) == (today, False)
    change.refresh_from_db()
    assert change.effective_date == today
    assert signed.monthly_fee == D("120000.00")


def test_a_future_dated_amendment_waits_for_the_daily_job_on_its_day(
    cast, signed, today, django_capture_on_commit_callbacks
):
    day = today + timedelta(days=10)
    change = _assessed(cast, signed, {"monthly_fee": "120000", "at_risk_pct": "12"})
    services.change_request_decide(change=change, by=cast.manager, approve=True, effective_date=day)
    signed.refresh_from_db()
    # Recorded with its date; the contract's fields stay until the day.
    assert (signed.monthly_fee, signed.at_risk_pct, signed.terms_version) == (D("100000.00"), D("10.00"), 2)
    version = signed.versions.get(number=2)
    assert (version.effective_from, version.pending) == (day, True)
    assert (version.terms["monthly_fee"], version.terms["at_risk_pct"]) == ("120000.00", "12.00")

    with django_capture_on_commit_callbacks(execute=True):
        assert services.amendments_apply_due(today=day - timedelta(days=1)) == {"applied": 0, "failed": 0}
    signed.refresh_from_db()
    assert signed.monthly_fee == D("100000.00")

    with django_capture_on_commit_callbacks(execute=True):
        assert services.amendments_apply_due(today=day) == {"applied": 1, "failed": 0}
        # Idempotent: the second run (or the beat task) finds nothing left to apply.
        assert services.amendments_apply_due(today=day) == {"applied": 0, "failed": 0}
        assert services.amendments_apply_due(today=day + timedelta(days=3)) == {"applied": 0, "failed": 0}
    signed.refresh_from_db()
    version.refresh_from_db()
    assert (signed.monthly_fee, signed.at_risk_pct, signed.terms_version) == (D("120000.00"), D("12.00"), 2)
    assert version.pending is False
    assert Notification.objects.filter(recipient=cast.manager, event_key__endswith=":version:2:applied").count() == 1


def test_the_beat_task_applies_what_is_due_today(cast, signed, today):
    change = _assessed(cast, signed)
    services.change_request_decide(change=change, by=cast.manager, approve=True, effective_date=today)
    assert ContractVersion.objects.filter(applied_at__isnull=True).count() == 0
    assert tasks.apply_due_amendments.apply().get() == {"applied": 0, "failed": 0}
    from bpo.celery import build_schedule

    assert build_schedule()["apply-due-amendments"]["task"] == "contracts.tasks.apply_due_amendments"


def test_a_second_amendment_is_refused_while_one_waits(cast, signed, today):
    first = _assessed(cast, signed)
    later = today + timedelta(days=20)
    services.change_request_decide(change=first, by=cast.manager, approve=True, effective_date=later)
    second = _assessed(cast, signed, {"value": "3000000"})
    with pytest.raises(ValidationError) as refused:
        services.change_request_decide(change=second, by=cast.manager, approve=True, effective_date=today)
    assert "already has an approved amendment (v2" in refused.value.messages[0]
    assert later.isoformat() in refused.value.messages[0]
    second.refresh_from_db()
    assert second.status == "assessed"
    # Rejecting it is still possible; once the first took effect, another may be approved.
    services.amendments_apply_due(today=later)
    services.change_request_decide(change=second, by=cast.manager, approve=True, effective_date=later, today=later)
    signed.refresh_from_db()
    assert (signed.value, signed.terms_version) == (D("3000000.00"), 3)


@pytest.mark.parametrize("case", ["before start", "closed month", "after end"])
def test_effective_dates_refused_next_to_the_field(cast, signed, today, case):
    day = {
        "before start": signed.start_date - timedelta(days=1),
        "closed month": today.replace(day=1) - timedelta(days=1),
        "after end": signed.end_date + timedelta(days=1),
    }[case]
    expected = {"before start": "before the contract starts", "closed month": "closed month", "after end": "after"}
    with pytest.raises(ValidationError) as raised:
        services.change_request_create(contract=signed, by=cast.manager, title="t", description="d", effective_date=day)
    assert expected[case] in " ".join(raised.value.message_dict["effective_date"])
    change = _assessed(cast, signed)
    with pytest.raises(ValidationError) as raised:
        services.change_request_assess(change=change, by=cast.manager, effective_date=day)
    assert "effective_date" in raised.value.message_dict
    with pytest.raises(ValidationError) as raised:
        services.change_request_decide(change=change, by=cast.manager, approve=True, effective_date=day)
    assert "effective_date" in raised.value.message_dict
    signed.refresh_from_db()
    assert (signed.terms_version, signed.monthly_fee) == (1, D("100000.00"))


def test_a_date_proposed_earlier_is_checked_again_at_approval(cast, signed, today):
    change = _assessed(cast, signed, effective_date=today)
    # Decided in a later month: the date proposed now lies in a closed month.
    next_month = _first_of_next_month(today)
    with pytest.raises(ValidationError) as raised:
        services.change_request_decide(change=change, by=cast.manager, approve=True, today=next_month)
    assert "closed month" in " ".join(raised.value.message_dict["effective_date"])


def test_an_end_date_moved_by_the_change_bounds_its_effective_date(cast, signed):
    new_end = signed.end_date + timedelta(days=90)
    change = services.change_request_create(
        contract=signed,
        by=cast.manager,
        title="Extend",
        description="d",
        proposed_terms={"end_date": new_end.isoformat()},
        effective_date=signed.end_date,
    )
    # An extension takes effect while the contract is in force (test_amendment_dates_in_order.py).
    assert change.effective_date == signed.end_date


def test_staff_pages_show_and_take_the_date(cast, signed, today, client):
    client.force_login(cast.manager)
    bad = client.post(
        reverse("contracts:change_create", args=[signed.pk]),
        {
            "title": "More",
            "description": "d",
            "proposed_terms": "monthly_fee: 130000",
            "effective_date": (today.replace(day=1) - timedelta(days=1)).isoformat(),
        },
    )
    assert bad.status_code == 200 and "closed month" in " ".join(bad.context["form"].errors["effective_date"])
    assert not ChangeRequest.objects.exists()
    day = today + timedelta(days=5)
    client.post(
        reverse("contracts:change_create", args=[signed.pk]),
        {"title": "More", "description": "d", "proposed_terms": "monthly_fee: 130000", "effective_date": day},
    )
    change = ChangeRequest.objects.get()
    assert change.effective_date == day
    url = reverse("contracts:change_detail", args=[change.pk])
    page = client.get(url)
    assert day.isoformat() in page.content.decode()
    assert page.context["decision_form"].initial["effective_date"] == day
    later = today + timedelta(days=7)
    client.post(url, {"step": "assess", "cost_impact": "1000", "scope_impact": "x", "effective_date": later})
    change.refresh_from_db()
    assert (change.status, change.effective_date) == ("assessed", later)
    refused = client.post(
        url, {"step": "decide", "approve": "1", "effective_date": signed.start_date - timedelta(days=1)}
    )
    assert refused.status_code == 200
    assert "before the contract starts" in " ".join(refused.context["decision_form"].errors["effective_date"])
    client.post(url, {"step": "decide", "approve": "1", "comments": "ok", "effective_date": later})
    change.refresh_from_db()
    signed.refresh_from_db()
    assert (change.status, change.effective_date, signed.monthly_fee) == ("approved", later, D("100000.00"))
    detail = client.get(signed.get_absolute_url()).content.decode()
    assert 'data-testid="pending-amendment"' in detail and later.isoformat() in detail
    assert "Monthly fee: 130,000.00" in detail  # by label, as an amount (test_amendment_dates_in_order.py)
    versions = client.get(reverse("contracts:contract_versions", args=[signed.pk])).content.decode()
    assert f"in force from {later.isoformat()}" in versions and "waiting for its day" in versions
    services.amendments_apply_due(today=later)
    assert 'data-testid="pending-amendment"' not in client.get(signed.get_absolute_url()).content.decode()


def test_the_portal_form_takes_the_date_and_the_page_shows_the_waiting_amendment(cast, signed, today, client):
    client.force_login(cast.vendor_x_admin)
    url = reverse("portal:contract_change_create", args=[signed.pk])
    bad = client.post(
        url,
        {
            "title": "Holiday cover",
            "description": "d",
            "proposed_terms": "monthly_fee: 105000",
            "effective_date": (signed.start_date - timedelta(days=1)).isoformat(),
        },
    )
    assert bad.status_code == 200
    assert "before the contract starts" in " ".join(bad.context["form"].errors["effective_date"])
    assert 'name="effective_date"' in client.get(url).content.decode()
    day = today + timedelta(days=3)
    ok = client.post(
        url,
        {"title": "Holiday cover", "description": "d", "proposed_terms": "monthly_fee: 105000", "effective_date": day},
    )
    assert ok.status_code == 302
    change = ChangeRequest.objects.get()
    assert change.effective_date == day
    services.change_request_assess(change=change, by=cast.manager)
    services.change_request_decide(change=change, by=cast.manager, approve=True)
    page = client.get(reverse("portal:contract_detail", args=[signed.pk])).content.decode()
    assert 'data-testid="pending-amendment"' in page and day.isoformat() in page


def test_the_api_takes_and_shows_the_date(cast, signed, today, client):
    client.force_login(cast.vendor_x_admin)
    day = today + timedelta(days=4)
    created = client.post(
        "/api/v1/change-requests/",
        {
            "contract": signed.pk,
            "title": "Holiday cover",
            "description": "d",
            "proposed_terms": {"monthly_fee": "105000"},
            "effective_date": day.isoformat(),
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    assert created.json()["effective_date"] == day.isoformat()
    assert ChangeRequest.objects.get().effective_date == day
    refused = client.post(
        "/api/v1/change-requests/",
        {
            "contract": signed.pk,
            "title": "Earlier",
            "description": "d",
            "proposed_terms": {"monthly_fee": "105000"},
            "effective_date": (today.replace(day=1) - timedelta(days=1)).isoformat(),
        },
        content_type="application/json",
    )
    assert refused.status_code == 400
    assert [e["attr"] for e in refused.json()["errors"]] == ["effective_date"]
    listed = client.get("/api/v1/change-requests/").json()["results"]
    assert [r["effective_date"] for r in listed] == [day.isoformat()]


def test_a_renewal_applies_the_amendment_due_first_so_its_version_has_the_terms_in_force(cast, today):
    from contracts.services.lifecycle import contracts_close_or_renew

    contract = ContractFactory(
        program=cast.program_a,
        vendor=cast.vendor_x,
        status="active",
        start_date=add_months(today.replace(day=1), -3),
        end_date=today + timedelta(days=15),
        notice_period_days=10,
        auto_renewal=True,
    )
    services.contracts.record_version(contract, cast.manager)
    day = today + timedelta(days=10)
    change = _assessed(cast, contract)
    services.change_request_decide(change=change, by=cast.manager, approve=True, effective_date=day)
    # The amendments' job has not run when the end-of-term job renews the contract.
    assert contracts_close_or_renew(today=today + timedelta(days=16)) == {"expired": 0, "renewed": 1}
    contract.refresh_from_db()
    renewal = contract.versions.get(reason="renewal")
    assert (contract.monthly_fee, renewal.terms["monthly_fee"]) == (D("120000.00"), "120000.00")
    assert not contract.versions.filter(applied_at__isnull=True).exists()
    assert services.amendments_apply_due(today=today + timedelta(days=16)) == {"applied": 0, "failed": 0}
