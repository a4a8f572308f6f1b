"""The contract workflow: draft -> legal review -> financial review -> approved -> signed -> active."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from bpo.core.models import Notification
from contracts import services
from contracts.choices import ContractStatus
from contracts.models import Contract

from .factories import ContractFactory, ServiceLevelFactory


def new_contract(cast, **kwargs):
    data = {
        "program": cast.program_a,
        "vendor": cast.vendor_x,
        "number": "MSA-2026-01",
        "title": "Customer service",
        "contract_type": "msa",
        "start_date": date(2026, 1, 1),
        "end_date": date(2027, 12, 31),
        "monthly_fee": Decimal("100000"),
        "at_risk_pct": Decimal("10"),
    }
    data.update(kwargs)
    return services.contract_create(by=cast.manager, **data)


def through_reviews(contract, cast):
    services.contract_submit_for_review(contract=contract, by=cast.manager)
    services.contract_record_review(contract=contract, kind="legal", outcome="approved", by=cast.legal)
    services.contract_record_review(contract=contract, kind="financial", outcome="approved", by=cast.finance)
    contract.refresh_from_db()
    return contract


def test_contract_takes_the_program_currency_and_starts_as_draft(cast):
    cast.program_a.currency = "CNY"
    cast.program_a.save()
    contract = new_contract(cast)
    assert (contract.status, contract.currency) == (ContractStatus.DRAFT, "CNY")


def test_only_managers_of_the_program_create_its_contracts(cast):
    with pytest.raises(PermissionDenied):
        services.contract_create(by=cast.contributor, program=cast.program_a, vendor=cast.vendor_x)
    with pytest.raises(ValidationError):
        services.contract_create(
            by=cast.outsider,
            program=cast.program_a,
            vendor=cast.vendor_x,
            number="X-2",
            title="t",
            start_date=date(2026, 1, 1),
            end_date=date(2026, 12, 31),
        )


def test_full_workflow_to_active_with_notifications(cast, django_capture_on_commit_callbacks):
    contract = new_contract(cast)
    ServiceLevelFactory(contract=contract, code="ASA20", allocation_pct=Decimal("40"))
    with django_capture_on_commit_callbacks(execute=True):
        services.contract_submit_for_review(contract=contract, by=cast.manager)
    contract.refresh_from_db()
    assert (contract.status, contract.review_round) == (ContractStatus.LEGAL_REVIEW, 1)
    assert Notification.objects.filter(recipient=cast.legal).count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        services.contract_record_review(
            contract=contract, kind="legal", outcome="approved", comments="ok", by=cast.legal
        )
    contract.refresh_from_db()
    assert contract.status == ContractStatus.FINANCIAL_REVIEW
    assert Notification.objects.filter(recipient=cast.finance).count() == 1
    services.contract_record_review(contract=contract, kind="financial", outcome="approved", by=cast.finance)
    contract.refresh_from_db()
    assert contract.status == ContractStatus.APPROVED
    services.contract_sign(contract=contract, by=cast.manager, signed_date=date(2025, 12, 20))
    contract.refresh_from_db()
    assert (contract.status, contract.signed_date, contract.terms_version) == (
        ContractStatus.SIGNED,
        date(2025, 12, 20),
        1,
    )
    v1 = contract.versions.get()
    assert v1.terms["monthly_fee"] == "100000.00"
    assert v1.terms["service_levels"][0]["code"] == "ASA20"
    services.contract_set_status(contract=contract, status="active", by=cast.manager)
    contract.refresh_from_db()
    assert contract.status == ContractStatus.ACTIVE


def test_cannot_sign_before_both_reviews_approve(cast):
    contract = new_contract(cast)
    with pytest.raises(ValidationError):
        services.contract_sign(contract=contract, by=cast.manager)
    services.contract_submit_for_review(contract=contract, by=cast.manager)
    services.contract_record_review(contract=contract, kind="legal", outcome="approved", by=cast.legal)
    with pytest.raises(ValidationError):
        services.contract_sign(contract=contract, by=cast.manager)
    # Even forcing the status, the reviews of this round must both have approved.
    Contract.objects.filter(pk=contract.pk).update(status="approved")
    contract.refresh_from_db()
    with pytest.raises(ValidationError):
        services.contract_sign(contract=contract, by=cast.manager)


def test_rejection_sends_back_to_draft_with_reasons_and_a_new_round_needs_new_reviews(
    cast, client, django_capture_on_commit_callbacks
):
    contract = new_contract(cast)
    services.contract_submit_for_review(contract=contract, by=cast.manager)
    with pytest.raises(ValidationError):
        services.contract_record_review(
            contract=contract, kind="legal", outcome="rejected", comments=" ", by=cast.legal
        )
    with django_capture_on_commit_callbacks(execute=True):
        services.contract_record_review(
            contract=contract, kind="legal", outcome="rejected", comments="Liability cap missing", by=cast.legal
        )
    contract.refresh_from_db()
    assert contract.status == ContractStatus.DRAFT
    client.force_login(cast.manager)
    page = client.get(contract.get_absolute_url()).content.decode()
    assert "Liability cap missing" in page
    assert Notification.objects.filter(recipient=cast.manager, title__contains="back to draft").exists()
    contract = through_reviews(contract, cast)
    assert contract.review_round == 2
    services.contract_sign(contract=contract, by=cast.manager)


def test_finance_rejection_returns_to_draft(cast):
    contract = new_contract(cast)
    services.contract_submit_for_review(contract=contract, by=cast.manager)
    services.contract_record_review(contract=contract, kind="legal", outcome="approved", by=cast.legal)
    services.contract_record_review(
        contract=contract, kind="financial", outcome="rejected", comments="Fee above budget", by=cast.finance
    )
    contract.refresh_from_db()
    assert contract.status == ContractStatus.DRAFT


def test_reviews_are_recorded_only_by_their_role_and_in_order(cast):
    contract = new_contract(cast)
    services.contract_submit_for_review(contract=contract, by=cast.manager)
    for user, kind in ((cast.finance, "legal"), (cast.legal, "financial"), (cast.manager, "legal")):
        with pytest.raises(PermissionDenied):
            services.contract_record_review(contract=contract, kind=kind, outcome="approved", by=user)
    with pytest.raises(ValidationError):  # finance cannot jump ahead of legal
        services.contract_record_review(contract=contract, kind="financial", outcome="approved", by=cast.finance)


def test_review_pages_record_decisions(cast, client):
    contract = new_contract(cast)
    services.contract_submit_for_review(contract=contract, by=cast.manager)
    client.force_login(cast.legal)
    page = client.get(contract.get_absolute_url()).content.decode()
    assert "Your legal review" in page
    client.post(reverse("contracts:contract_review", args=[contract.pk]), {"outcome": "approved", "comments": "fine"})
    contract.refresh_from_db()
    assert contract.status == ContractStatus.FINANCIAL_REVIEW
    client.force_login(cast.finance)
    client.post(reverse("contracts:contract_review", args=[contract.pk]), {"outcome": "approved"})
    client.force_login(cast.manager)
    client.post(reverse("contracts:contract_transition", args=[contract.pk, "sign"]))
    contract.refresh_from_db()
    assert contract.status == ContractStatus.SIGNED


def test_terms_are_locked_after_submission(cast):
    contract = new_contract(cast)
    services.contract_submit_for_review(contract=contract, by=cast.manager)
    with pytest.raises(ValidationError):
        services.contract_update(contract=contract, by=cast.manager, monthly_fee=Decimal("1"))
    services.contract_update(contract=contract, by=cast.manager, internal_notes="fine to note")
    with pytest.raises(ValidationError):
        services.service_level_create(
            contract=contract,
            by=cast.manager,
            code="X",
            name="x",
            measure="count",
            expected=Decimal(1),
            minimum=Decimal(0),
        )


def test_sla_allocations_may_not_exceed_the_pool_limit(cast):
    contract = new_contract(cast, credit_pool_limit_pct=Decimal("100"))
    common = {"measure": "average", "expected": Decimal(80), "minimum": Decimal(75)}
    services.service_level_create(
        contract=contract, by=cast.manager, code="A", name="a", allocation_pct=Decimal(60), **common
    )
    with pytest.raises(ValidationError) as exc:
        services.service_level_create(
            contract=contract, by=cast.manager, code="B", name="b", allocation_pct=Decimal(50), **common
        )
    assert "allocation_pct" in exc.value.message_dict
    # A KPI carries no allocation, so it never counts against the pool.
    services.service_level_create(contract=contract, by=cast.manager, code="K", name="k", kind="kpi", **common)


@pytest.mark.parametrize(("direction", "expected", "minimum"), [("higher", 70, 75), ("lower", 30, 20)])
def test_levels_must_be_ordered_by_direction(cast, direction, expected, minimum):
    contract = new_contract(cast)
    with pytest.raises(ValidationError):
        services.service_level_create(
            contract=contract,
            by=cast.manager,
            code="A",
            name="a",
            measure="average",
            direction=direction,
            expected=Decimal(expected),
            minimum=Decimal(minimum),
        )


def test_measure_specific_fields_are_required(cast):
    contract = new_contract(cast)
    for measure, field in (("percent_within", "threshold"), ("percentile", "percentile")):
        with pytest.raises(ValidationError) as exc:
            services.service_level_create(
                contract=contract,
                by=cast.manager,
                code="A",
                name="a",
                measure=measure,
                expected=Decimal(80),
                minimum=Decimal(75),
            )
        assert field in exc.value.message_dict


def test_list_page_and_api_show_only_visible_contracts(cast, client):
    mine = ContractFactory(program=cast.program_a, vendor=cast.vendor_x, number="A-1", status="active")
    other = ContractFactory(program=cast.program_b, vendor=cast.vendor_y, number="B-1", status="active")
    client.force_login(cast.contributor)
    page = client.get(reverse("contracts:contract_list")).content.decode()
    assert "A-1" in page and "B-1" not in page
    data = client.get("/api/v1/contracts/").json()
    assert [c["number"] for c in data["results"]] == ["A-1"]
    client.force_login(cast.finance)
    assert client.get("/api/v1/contracts/?q=B-1").json()["count"] == 1
    assert client.get(reverse("contracts:contract_detail", args=[other.pk])).status_code == 200
    assert client.get(reverse("contracts:contract_list") + "?export=csv").status_code == 200
    assert mine.pk


def test_api_creates_a_draft_and_refuses_bad_levels(cast, client):
    client.force_login(cast.manager)
    response = client.post(
        "/api/v1/contracts/",
        {
            "program": cast.program_a.pk,
            "vendor": cast.vendor_x.pk,
            "number": "API-1",
            "title": "API",
            "contract_type": "msa",
            "start_date": "2026-01-01",
            "end_date": "2026-12-31",
            "monthly_fee": "5000",
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    contract_id = response.json()["id"]
    bad = client.post(
        "/api/v1/service-levels/",
        {
            "contract": contract_id,
            "code": "A",
            "name": "a",
            "measure": "average",
            "direction": "higher",
            "expected": "70",
            "minimum": "75",
        },
        content_type="application/json",
    )
    assert bad.status_code == 400
    assert bad.json()["type"] == "validation_error"
    client.force_login(cast.contributor)
    refused = client.post(
        "/api/v1/service-levels/",
        {"contract": contract_id, "code": "B", "name": "b", "measure": "count", "expected": "1", "minimum": "0"},
        content_type="application/json",
    )
    assert refused.status_code == 403


def test_vendor_cannot_see_a_contract_before_approval_nor_another_vendors_contract(cast, client):
    draft = ContractFactory(program=cast.program_a, vendor=cast.vendor_x, number="D-1")
    theirs = ContractFactory(program=cast.program_b, vendor=cast.vendor_y, number="Y-1", status="active")
    client.force_login(cast.vendor_x_admin)
    for contract in (draft, theirs):
        assert client.get(reverse("portal:contract_detail", args=[contract.pk])).status_code == 404
        assert client.get(f"/api/v1/contracts/{contract.pk}/").status_code == 404
        assert client.get(reverse("portal:performance_dashboard", args=[contract.pk])).status_code == 404
        assert client.get(reverse("portal:measurement_contract", args=[contract.pk])).status_code == 404


def test_vendor_never_sees_internal_notes(cast, client):
    contract = ContractFactory(
        program=cast.program_a, vendor=cast.vendor_x, status="active", internal_notes="Walk-away price 90k"
    )
    client.force_login(cast.vendor_x_user)
    assert "Walk-away" not in client.get(reverse("portal:contract_detail", args=[contract.pk])).content.decode()
    data = client.get(f"/api/v1/contracts/{contract.pk}/").json()
    assert "internal_notes" not in data
    client.force_login(cast.manager)
    assert "Walk-away" in client.get(contract.get_absolute_url()).content.decode()


def test_staff_pages_render(cast, client):
    contract = ContractFactory(program=cast.program_a, vendor=cast.vendor_x)
    client.force_login(cast.manager)
    form = client.get(reverse("contracts:contract_create"))
    assert form.status_code == 200
    response = client.post(
        reverse("contracts:service_level_create", args=[contract.pk]),
        {
            "code": "ASA20",
            "name": "Answered in 20 s",
            "kind": "sla",
            "measure": "percent_within",
            "threshold": "20",
            "direction": "higher",
            "expected": "80",
            "minimum": "75",
            "period": "monthly",
            "allocation_pct": "40",
            "earn_back_periods": "0",
            "min_samples": "1",
            "active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert contract.service_levels.get().threshold == Decimal("20")
    bad = client.post(
        reverse("contracts:service_level_create", args=[contract.pk]),
        {
            "code": "X",
            "name": "x",
            "kind": "sla",
            "measure": "average",
            "direction": "higher",
            "expected": "70",
            "minimum": "75",
            "period": "monthly",
            "allocation_pct": "0",
            "earn_back_periods": "0",
            "min_samples": "1",
        },
    )
    assert bad.status_code == 200 and "minimum level" in bad.content.decode()


def test_manager_creates_a_contract_with_the_form_and_errors_keep_the_input(cast, client):
    client.force_login(cast.manager)
    data = {
        "program": cast.program_a.pk,
        "vendor": cast.vendor_x.pk,
        "number": "FORM-1",
        "title": "From the form",
        "contract_type": "msa",
        "start_date": "2026-01-01",
        "end_date": "2025-12-31",
        "notice_period_days": "90",
        "currency": "",
        "value": "0",
        "monthly_fee": "1000",
        "at_risk_pct": "10",
        "credit_pool_limit_pct": "250",
        "grace_days": "5",
    }
    bad = client.post(reverse("contracts:contract_create"), data)
    assert bad.status_code == 200 and "cannot be before the start date" in bad.content.decode()
    assert 'value="From the form"' in bad.content.decode()
    data["end_date"] = "2026-12-31"
    response = client.post(reverse("contracts:contract_create"), data)
    contract = Contract.objects.get(number="FORM-1")
    assert response.status_code == 302 and contract.currency == cast.program_a.currency


def test_a_decided_review_settles_the_waits_for_you_notification_of_every_reviewer(
    cast, django_capture_on_commit_callbacks
):
    """Legal's and then finance's "waits for your review" are read once the review is decided, for
    every reviewer of the role (not only the one who decided); the next step's stays unread."""
    from tests.factories import UserFactory

    second_legal = UserFactory(username="legal2", role="legal")
    contract = new_contract(cast)

    def waiting(user):
        return Notification.objects.filter(recipient=user, title__contains="waits for your", read_at__isnull=True)

    with django_capture_on_commit_callbacks(execute=True):
        services.contract_submit_for_review(contract=contract, by=cast.manager)
    assert waiting(cast.legal).count() == waiting(second_legal).count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        services.contract_record_review(contract=contract, kind="legal", outcome="approved", by=cast.legal)
    assert not waiting(cast.legal).exists() and not waiting(second_legal).exists()
    assert waiting(cast.finance).get().title == "Contract MSA-2026-01 waits for your financial review"
    with django_capture_on_commit_callbacks(execute=True):
        services.contract_record_review(
            contract=contract, kind="financial", outcome="rejected", comments="Over budget", by=cast.finance
        )
    assert not waiting(cast.finance).exists()
    # the next round asks again, unread
    with django_capture_on_commit_callbacks(execute=True):
        services.contract_submit_for_review(contract=contract, by=cast.manager)
    assert waiting(cast.legal).count() == waiting(second_legal).count() == 1
    # the managers' own notifications (sent back to draft) are untouched
    assert Notification.objects.filter(recipient=cast.manager, read_at__isnull=True).exists()
