"""Key risk indicators: a breach flags the risk for review and notifies its owner, once per breach."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from bpo.core.models import Notification
from risk import services

from .test_register import assess, make_risk

MAY, JUNE = datetime.date(2026, 5, 1), datetime.date(2026, 6, 1)


@pytest.fixture
def kri(cast):
    risk = make_risk(cast, owner=cast.contributor)
    assess(risk, cast.manager, 3, 4, 2, 4)
    return services.kri_create(
        risk=risk, by=cast.manager, name="Attrition", unit="%", warning_threshold=5, limit_threshold=8
    )


def breach_notes(cast):
    return Notification.objects.filter(recipient=cast.contributor, event_key__contains=":breach:")


def test_breach_flags_the_risk_and_notifies_the_owner(cast, kri):
    reading = services.kri_record_reading(indicator=kri, period=MAY, value=Decimal("9.5"), by=cast.manager)
    assert reading.status == "breach"
    risk = kri.risk
    risk.refresh_from_db()
    assert risk.next_review_date == timezone.localdate()
    assert "Attrition" in risk.review_reason and "Suggested likelihood: 3" in risk.review_reason
    assert breach_notes(cast).count() == 1


def test_the_same_breach_fires_once_however_often_it_is_entered(cast, kri):
    services.kri_record_reading(indicator=kri, period=MAY, value=Decimal("9"), by=cast.manager)
    risk = kri.risk
    assess(risk, cast.manager, 3, 4, 3, 4)  # the owner reviewed: reason cleared
    services.kri_record_reading(indicator=kri, period=MAY, value=Decimal("10"), by=cast.manager)
    services.kri_record_reading(indicator=kri, period=MAY, value=Decimal("4"), by=None)
    services.kri_record_reading(indicator=kri, period=MAY, value=Decimal("11"), by=None)
    risk.refresh_from_db()
    assert risk.review_reason == ""
    assert breach_notes(cast).count() == 1
    assert kri.readings.count() == 1


def test_a_new_period_breach_fires_again(cast, kri):
    services.kri_record_reading(indicator=kri, period=MAY, value=Decimal("9"), by=cast.manager)
    services.kri_record_reading(indicator=kri, period=JUNE, value=Decimal("9"), by=cast.manager)
    assert breach_notes(cast).count() == 2


def test_a_warning_is_not_a_breach(cast, kri):
    reading = services.kri_record_reading(indicator=kri, period=MAY, value=Decimal("6"), by=cast.manager)
    assert reading.status == "warning"
    assert breach_notes(cast).count() == 0


def test_lower_is_worse_indicators(cast):
    risk = make_risk(cast)
    kri = services.kri_create(
        risk=risk,
        by=cast.manager,
        name="SLA attainment",
        direction="lower_worse",
        warning_threshold=95,
        limit_threshold=90,
    )
    assert kri.status_of(Decimal("89")) == "breach"
    assert kri.status_of(Decimal("93")) == "warning"
    assert kri.status_of(Decimal("99")) == "ok"


def test_viewer_cannot_record_a_reading(cast, kri):
    with pytest.raises(PermissionDenied):
        services.kri_record_reading(indicator=kri, period=MAY, value=Decimal("1"), by=cast.viewer)
