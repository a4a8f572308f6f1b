"""The contract summary's change and dispute dates and the program status's gate dates are the day
in the program's time zone (17:30 UTC on 4 March is 5 March in Manila), as on the pages."""

from datetime import UTC, datetime

from django.template.loader import render_to_string
from django.utils import translation

from bpo.reports import services
from bpo.reports.builders import BUILDERS
from contracts.models import ChangeRequest, Dispute
from strategy.models import PhaseGate, Program
from tests.contracts.factories import contract_of_a

EVENING = datetime(2026, 3, 4, 17, 30, tzinfo=UTC)


def _html(report, user):
    with translation.override("en"):
        template, context = BUILDERS[report.kind](report, user)
        return render_to_string(template, context)


def test_contract_summary_and_program_status_dates_are_the_programs_day(cast):
    Program.objects.filter(pk=cast.program_a.pk).update(time_zone="Asia/Manila")
    contract = contract_of_a(cast)
    change = ChangeRequest.objects.create(contract=contract, title="Add chat", description="d", raised_by=cast.manager)
    dispute = Dispute.objects.create(
        contract=contract, title="Credits", description="d", raised_by=cast.manager, level_deadline=EVENING.date()
    )
    ChangeRequest.objects.filter(pk=change.pk).update(raised_at=EVENING)
    Dispute.objects.filter(pk=dispute.pk).update(raised_at=EVENING)
    gate = PhaseGate.objects.create(program=cast.program_a, phase="strategy", passed_by=cast.manager, passed_at=EVENING)
    assert gate.pk

    summary = services.report_request(by=cast.manager, kind="contract_summary", contract=contract, language="en")
    html = _html(summary, cast.manager)
    row = html[html.index("Add chat") :][:400]
    assert "2026-03-05" in row and "2026-03-04" not in row
    row = html[html.index("Credits</td>") :][:400]
    assert "2026-03-05" in row and "2026-03-04" not in row

    status = services.report_request(by=cast.manager, kind="program_status", program=cast.program_a, language="en")
    html = _html(status, cast.manager)
    gates = html[html.index("Gates passed") :][:1500]
    assert "2026-03-05" in gates and "2026-03-04" not in gates
