"""The remaining pages tell a program's record times in the program's time zone with the zone named
(a course's sessions, measurement batches and imports, a risk's assessments, a plan's activations,
the service-level dashboard's evaluation time), and a record's date as the day it falls on in that
zone, not by the server's zone: 17:30 UTC on 4 March is the 5th in Manila (a scorecard's
acknowledgement, contract versions and documents, transition steps, status reports, gates and
charter revisions, lessons and initiatives)."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from delivery.models import MeasurementBatch, MeasurementImport, TrainingSession
from performance.models import Period
from risk.models import Incident, Risk, RiskReview
from tests.contracts.factories import measured_contract
from tests.core.conftest import AT, MANILA, zone_page
from tests.delivery.engagement_factories import session_of_a
from tests.risk.records import risk_world

pytestmark = pytest.mark.django_db

DAY = datetime(2026, 3, 4, 17, 30, tzinfo=UTC)  # 2026-03-05 01:30 in Manila


def test_a_courses_session_list_is_told_in_the_programs_zone(manila, client):
    session = session_of_a(manila)
    TrainingSession.objects.filter(pk=session.pk).update(starts_at=AT)
    assert MANILA in zone_page(client, manila.manager, session.course.get_absolute_url())


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
    assert (
        zone_page(client, manila.manager, reverse("delivery:measurement_list", args=[contract.pk])).count(MANILA) >= 2
    )
    staff = zone_page(client, manila.manager, reverse("delivery:measurement_import", args=[record.pk]))
    assert staff.count(MANILA) >= 2  # uploaded, finished
    assert MANILA in zone_page(client, manila.manager, reverse("delivery:measurement_import_status", args=[record.pk]))
    vendor = manila.vendor_x_user
    assert zone_page(client, vendor, reverse("portal:measurement_contract", args=[contract.pk])).count(MANILA) >= 2
    assert MANILA in zone_page(client, vendor, reverse("portal:measurement_imports", args=[contract.pk]))
    assert zone_page(client, vendor, reverse("portal:measurement_import", args=[record.pk])).count(MANILA) >= 2


def test_a_risks_assessments_and_a_plans_activations_are_told_in_the_programs_zone(manila, client):
    world = risk_world(manila)
    Risk.objects.filter(pk=world["risk"].pk).update(assessed_at=AT)
    RiskReview.objects.filter(pk=world["review"].pk).update(reviewed_at=AT)
    Incident.objects.filter(pk=world["incident"].pk).update(plan_activated_at=AT)
    assert zone_page(client, manila.manager, world["risk"].get_absolute_url()).count(MANILA) >= 2
    assert MANILA in zone_page(client, manila.manager, world["plan"].get_absolute_url())


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
    assert MANILA in zone_page(client, manila.manager, reverse("performance:dashboard", args=[contract.pk]))
    assert MANILA in zone_page(
        client, manila.vendor_x_user, reverse("portal:performance_dashboard", args=[contract.pk])
    )


def _day(client, user, url, times=1):
    """The page tells the record's day in Manila (the 5th), never the UTC day (the 4th)."""
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count("2026-03-05") >= times and "2026-03-04" not in page
    return page


def test_a_scorecards_acknowledgement_and_disputes_are_dated_in_the_programs_zone(manila, client):
    from performance.models import Scorecard, ScorecardDispute
    from tests.performance.access import _dispute, _scorecard

    ScorecardDispute.objects.filter(pk=_dispute(manila)["pk"]).update(raised_at=DAY)
    card = _scorecard(manila)
    Scorecard.objects.filter(pk=card.pk).update(acknowledged_at=DAY)
    _day(client, manila.manager, reverse("performance:scorecard_detail", args=[card.pk]), 2)
    _day(client, manila.vendor_x_user, reverse("portal:scorecard_detail", args=[card.pk]))


def test_contract_versions_and_documents_are_dated_in_the_programs_zone(manila, client):
    from contracts.models import ContractDocument, ContractVersion, DocumentVersion
    from tests.contracts.factories import contract_of_a

    contract = contract_of_a(manila)
    version = ContractVersion.objects.create(
        contract=contract, number=1, terms={}, reason="signature", created_by=manila.manager
    )
    ContractVersion.objects.filter(pk=version.pk).update(created_at=DAY)
    doc = ContractDocument.objects.create(contract=contract, title="MSA")
    upload = DocumentVersion.objects.create(document=doc, number=1, file="msa.pdf", uploaded_by=manila.manager)
    DocumentVersion.objects.filter(pk=upload.pk).update(uploaded_at=DAY)
    _day(client, manila.manager, contract.get_absolute_url(), 2)  # latest version, document
    _day(client, manila.manager, reverse("contracts:contract_versions", args=[contract.pk]))
    _day(client, manila.vendor_x_user, reverse("portal:contract_detail", args=[contract.pk]))


def test_transition_steps_and_status_reports_are_dated_in_the_programs_zone(manila, client):
    from delivery.models import StatusReport
    from strategy.models import PhaseGate
    from tests.delivery.plan_factories import item

    program = manila.program_a
    done = item(program, "Run book", done_by=manila.manager, evidence="Signed off")
    type(done).objects.filter(pk=done.pk).update(done_at=DAY)
    PhaseGate.objects.create(program=program, phase="transition", passed_by=manila.manager, passed_at=DAY)
    _day(client, manila.manager, reverse("delivery:transition", args=[program.pk]), 2)
    report = StatusReport.objects.create(
        program=program, period=date(2026, 2, 1), created_by=manila.manager, status="submitted"
    )
    StatusReport.objects.filter(pk=report.pk).update(submitted_at=DAY)
    _day(client, manila.manager, reverse("delivery:status_report_list"))


def test_a_programs_gates_and_charter_revisions_are_dated_in_its_zone(manila, client):
    from strategy.models import CharterRevision, PhaseGate

    program = manila.program_a
    PhaseGate.objects.create(program=program, phase="strategy", passed_by=manila.manager, passed_at=DAY)
    CharterRevision.objects.create(
        program=program, number=1, snapshot={}, approved_by=manila.executive, approved_at=DAY
    )
    _day(client, manila.manager, program.get_absolute_url(), 2)


def test_lessons_and_initiatives_are_dated_in_the_programs_zone(manila, client):
    from performance.improvement import services
    from performance.improvement.models import ImprovementInitiative, Lesson

    lesson = services.lesson_create(
        by=manila.manager,
        title="Train early",
        body="Lesson text.",
        phase="transition",
        category="people",
        tags="",
        program=manila.program_a,
        source="Retrospective",
    )
    Lesson.objects.filter(pk=lesson.pk).update(created_at=DAY)
    _day(client, manila.manager, lesson.get_absolute_url())
    idea = services.initiative_create(
        by=manila.contributor, program=manila.program_a, title="Automate matching", benefit_unit="hours/month"
    )
    idea = services.initiative_update(initiative=idea, by=manila.contributor, expected_benefit=Decimal("150"))
    idea = services.initiative_approve(initiative=idea, by=manila.manager)
    ImprovementInitiative.objects.filter(pk=idea.pk).update(proposed_at=DAY, decided_at=DAY)
    _day(client, manila.manager, idea.get_absolute_url(), 2)
