"""A training session's and an attendance's times are told in their program's time zone (the
course's program): PROGRAM_PATHS follows course and session. Every delivery record finds its
program's zone."""

import pytest

from bpo.core.history import history_for
from bpo.core.locking import record_time_zone
from delivery import training
from delivery.models import CreditDeduction, InvoiceLine, TaskUpdate
from delivery.models.measurements import MeasurementImport, Sample

from .engagement_factories import session_of_a

pytestmark = pytest.mark.django_db


def test_a_session_and_its_attendance_are_told_in_the_programs_zone(cast):
    cast.program_a.time_zone = "Asia/Manila"
    cast.program_a.save()
    session = session_of_a(cast)
    assert record_time_zone(session) == "Asia/Manila"
    assert record_time_zone(session.attendances.first()) == "Asia/Manila"
    training.session_update(session=session, by=cast.manager, trainer="Ana Cruz")
    assert "Asia/Manila" in str(history_for(session))


def test_every_delivery_model_reaches_its_program():
    # Each model has a link in PROGRAM_PATHS (directly or through its parent) to a program.
    from bpo.core.locking import PROGRAM_PATHS
    from delivery.models import Attendance, TrainingSession

    for model in (TrainingSession, Attendance, InvoiceLine, CreditDeduction, TaskUpdate, Sample, MeasurementImport):
        assert {f.name for f in model._meta.get_fields()} & set(PROGRAM_PATHS), model
