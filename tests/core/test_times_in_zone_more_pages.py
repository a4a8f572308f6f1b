"""The remaining pages tell a program's record times in the program's time zone with the zone named
(a course's sessions, measurement batches and imports, a risk's assessments, a plan's activations,
the service-level dashboard's evaluation time), and a record's date as the day it falls on in that
zone, not by the server's zone."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from delivery.models import MeasurementBatch, MeasurementImport, TrainingSession
from performance.models import Period
from risk.models import Incident, Risk, RiskReview
from tests.contracts.factories import measured_contract
from tests.delivery.engagement_factories import session_of_a
from tests.risk.records import risk_world

pytestmark = pytest.mark.django_db

AT = datetime(2026, 11, 28, 0, 47, tzinfo=UTC)  # 08:47 in Manila
MANILA = "2026-11-28 08:47 (Asia/Manila)"


@pytest.fixture
def manila(cast):
    cast.program_a.time_zone = "Asia/Manila"
    cast.program_a.save(update_fields=["time_zone"])
    return cast


def _page(client, user, url):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert "2026-11-28 00:47" not in page
    return page


def test_a_courses_session_list_is_told_in_the_programs_zone(manila, client):
    session = session_of_a(manila)
    TrainingSession.objects.filter(pk=session.pk).update(starts_at=AT)
    assert MANILA in _page(client, manila.manager, session.course.get_absolute_url())


def test_measurement_batches_and_imports_are_told_in_the_programs_zone(manila, client):
    contract = measured_contract(manila)
    batch = MeasurementBatch.objects.create(
        contract=contract, source="csv", file_name="b.csv", row_count=3, new_count=3, submitted_by=manila.vendor_x_user
    )
    MeasurementBatch.objects.filter(pk=batch.pk).update(submitted_at=AT)
    record = MeasurementImport.objects.create(
        contract=contract, file_name="i.csv", status="done", batch=batch, submitted_by=manila.vendor_x_user
    )
    MeasurementImport.objects.filter(pk=record.pk).update(created_at=AT, finished_at=AT)
    assert _page(client, manila.manager, reverse("delivery:measurement_list", args=[contract.pk])).count(MANILA) >= 2
    staff = _page(client, manila.manager, reverse("delivery:measurement_import", args=[record.pk]))
    assert staff.count(MANILA) >= 2  # uploaded, finished
    assert MANILA in _page(client, manila.manager, reverse("delivery:measurement_import_status", args=[record.pk]))
    vendor = manila.vendor_x_user
    assert _page(client, vendor, reverse("portal:measurement_contract", args=[contract.pk])).count(MANILA) >= 2
    assert MANILA in _page(client, vendor, reverse("portal:measurement_imports", args=[contract.pk]))
    assert _page(client, vendor, reverse("portal:measurement_import", args=[record.pk])).count(MANILA) >= 2


def test_a_risks_assessments_and_a_plans_activations_are_told_in_the_programs_zone(manila, client):
    world = risk_world(manila)
    Risk.objects.filter(pk=world["risk"].pk).update(assessed_at=AT)
    RiskReview.objects.filter(pk=world["review"].pk).update(reviewed_at=AT)
    Incident.objects.filter(pk=world["incident"].pk).update(plan_activated_at=AT)
    assert _page(client, manila.manager, world["risk"].get_absolute_url()).count(MANILA) >= 2
    assert MANILA in _page(client, manila.manager, world["plan"].get_absolute_url())


def test_the_dashboards_evaluation_time_is_told_in_the_programs_zone(manila, client):
    contract = measured_contract(manila)
    Period.objects.create(
        contract=contract,
        kind="monthly",
        start=date(2026, 10, 1),
        end=date(2026, 11, 1),
        status="provisional",
        charges=Decimal("0"),
        at_risk_amount=Decimal("0"),
        evaluated_at=AT,
    )
    assert MANILA in _page(client, manila.manager, reverse("performance:dashboard", args=[contract.pk]))
    assert MANILA in _page(client, manila.vendor_x_user, reverse("portal:performance_dashboard", args=[contract.pk]))
