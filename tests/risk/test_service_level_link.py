"""Key risk indicators linked to a service level: each breach flags the risk once; contracts tie risks to vendors."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from bpo.core.models import Notification
from performance.models import Period, Result
from risk import services, tasks
from tests.contracts.factories import ContractFactory, contract_of_a

from .test_register import make_risk


def result(service_level, start, state, value="70"):
    period, _ = Period.objects.get_or_create(
        contract=service_level.contract,
        kind="monthly",
        start=start,
        defaults={"end": (start + datetime.timedelta(days=32)).replace(day=1)},
    )
    row, _ = Result.objects.update_or_create(
        period=period,
        service_level=service_level,
        defaults={
            "value": Decimal(value),
            "state": state,
            "expected": Decimal("80"),
            "minimum": Decimal("75"),
            "direction": "higher",
            "computed_at": timezone.now(),
        },
    )
    return row


@pytest.fixture
def linked(cast):
    contract = contract_of_a(cast)
    service_level = contract.service_levels.get()
    risk = make_risk(cast, contract=contract, owner=cast.contributor)
    kri = services.kri_create(risk=risk, by=cast.manager, name="ASA breaches", service_level=service_level)
    return risk, kri, service_level


def breach_notes(cast):
    return Notification.objects.filter(recipient=cast.contributor, event_key__contains=":breach:")


def test_risk_on_a_contract_takes_its_vendor(cast, linked):
    risk, _kri, _sl = linked
    assert risk.vendor == cast.vendor_x


def test_breach_of_the_linked_service_level_flags_the_risk_once(cast, linked):
    risk, kri, service_level = linked
    may = datetime.date(2026, 5, 1)
    result(service_level, may, "met", "85")
    assert tasks.sync_service_level_breaches() == 0
    breach = result(service_level, datetime.date(2026, 6, 1), "breach", "70")
    assert services.kri_sync_service_level_breaches() == 1
    risk.refresh_from_db()
    assert risk.next_review_date == timezone.localdate() and "ASA breaches" in risk.review_reason
    assert breach_notes(cast).count() == 1
    # Re-evaluated (even twice at once, or by the engine's own call): no second alert.
    services.service_level_result_recorded(result=breach)
    assert services.kri_sync_service_level_breaches() == 0
    assert breach_notes(cast).count() == 1
    assert kri.readings.get(period=datetime.date(2026, 6, 1)).source_result == breach
    # The next period's breach is a new breach.
    result(service_level, datetime.date(2026, 7, 1), "breach", "60")
    assert services.kri_sync_service_level_breaches() == 1
    assert breach_notes(cast).count() == 2


def test_service_level_must_belong_to_the_risks_program(cast):
    other = ContractFactory(program=cast.program_b, vendor=cast.vendor_y, number="CB-1")
    from tests.contracts.factories import ServiceLevelFactory

    service_level = ServiceLevelFactory(contract=other)
    risk = make_risk(cast)
    with pytest.raises(ValidationError):
        services.kri_create(risk=risk, by=cast.manager, name="x", service_level=service_level)


def test_manual_indicator_needs_thresholds(cast):
    with pytest.raises(ValidationError):
        services.kri_create(risk=make_risk(cast), by=cast.manager, name="x")


def test_risk_shared_through_its_contract_appears_in_that_vendors_portal(cast, client):
    contract = contract_of_a(cast)
    risk = services.risk_create(
        by=cast.manager,
        program=cast.program_a,
        contract=contract,
        title="Via contract",
        category="legal",
        event="e",
        shared_with_vendor=True,
    )
    client.force_login(cast.vendor_x_user)
    assert client.get(reverse("portal:risk_detail", args=[risk.pk])).status_code == 200
    client.force_login(cast.vendor_y_admin)
    assert client.get(reverse("portal:risk_detail", args=[risk.pk])).status_code == 404


def test_contract_of_another_program_is_refused(cast):
    other = ContractFactory(program=cast.program_b, vendor=cast.vendor_y, number="CB-2")
    with pytest.raises(ValidationError):
        make_risk(cast, contract=other)
