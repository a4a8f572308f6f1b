"""The demo's plan, transition checklist and status reports: loaded once, consistent with the rules."""

from io import StringIO

from django.core.management import call_command

from delivery.models import StatusReport, Task, TransitionItem
from delivery.plan_services import validate_task
from delivery.timeline import program_schedule
from strategy.models import Program


def test_demo_plan_is_idempotent_and_follows_the_rules(db):
    call_command("load_demo", stdout=StringIO())
    counts = (Task.objects.count(), TransitionItem.objects.count(), StatusReport.objects.count())
    call_command("load_demo", stdout=StringIO())
    assert (Task.objects.count(), TransitionItem.objects.count(), StatusReport.objects.count()) == counts
    assert counts[0] >= 10 and counts[2] == 2
    program = Program.objects.get(code="CS-2026")
    for task in Task.objects.filter(program=program):
        validate_task(task, list(task.depends_on.all()))
    rows, summary = program_schedule(program)
    assert summary["critical"] >= 1 and summary["slipped"] >= 1
    assert StatusReport.objects.filter(status="submitted", by_vendor=True).exists()
    assert not TransitionItem.objects.filter(program=program, mandatory=True, done_at__isnull=True).exists()
    # The register dates from February: October's program report counts the open high and
    # critical risks of CS-2026 (unchanged since), not none as if they came later.
    from risk.models import Risk

    levels = [r.residual_level or r.inherent_level for r in Risk.objects.filter(program=program, status="open")]
    october = StatusReport.objects.get(program=program, by_vendor=False)
    figures = (october.figures["risks_high"], october.figures["risks_critical"])
    assert figures == (levels.count("high"), levels.count("critical")) and sum(figures) >= 1
    assert october.risk_rag in ("amber", "red")
