"""Program status: phase and gates, milestones, contracts with their latest service-level
results, the budget (planned, actual, forecast), top risks with the heat map, open actions."""

from collections import Counter
from decimal import Decimal

from django.db.models import F, Q
from django.utils.translation import gettext as _

from bpo.core import charts
from bpo.core.zones import today_in
from contracts.models import Contract
from delivery.budget import line_figures, other_currencies, other_currencies_note
from performance.choices import ResultState
from performance.models import Result
from risk.choices import ActionStatus, RiskStatus
from risk.models import CorrectiveAction, Risk
from strategy.models import BudgetLine, Milestone, PhaseGate, Program

from ..pdf import base_context
from .common import visible_or_gone
from .risk import heat_chart

ZERO = Decimal("0.00")
OPEN_ACTIONS = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)
TOP = 5  # open risks listed under "Top risks"


def collect(report, user, progress=lambda pct: None) -> dict:
    program = visible_or_gone(Program, user, report.program_id)
    contracts = list(Contract.objects.visible_to(user).filter(program=program).select_related("vendor"))
    # The latest period's results of each visible contract, counted by state.
    latest = {}
    for r in (
        Result.objects.visible_to(user)
        .filter(period__contract__in=[c.pk for c in contracts])
        .select_related("period")
        .order_by("period__contract_id", "-period__start")
    ):
        cid = r.period.contract_id
        if cid not in latest:
            latest[cid] = {"period": r.period, "states": Counter()}
        if latest[cid]["period"].pk == r.period_id:
            latest[cid]["states"][r.state] += 1
    contract_rows = [
        {
            "contract": c,
            "period": latest.get(c.pk, {}).get("period"),
            "met": latest.get(c.pk, {}).get("states", {}).get(ResultState.MET, 0),
            "minor": latest.get(c.pk, {}).get("states", {}).get(ResultState.MINOR, 0),
            "breach": latest.get(c.pk, {}).get("states", {}).get(ResultState.BREACH, 0),
        }
        for c in contracts
    ]
    progress(30)
    lines = [line_figures(line) for line in BudgetLine.objects.visible_to(user).filter(program=program)]
    risks = Risk.objects.visible_to(user).filter(program=program)
    # The five highest open risks by score: residual, then inherent (DOMAIN.md: both are L x I). A
    # risk not assessed yet has no score to rank by: it is left out and counted under the table.
    open_risks = risks.filter(status=RiskStatus.OPEN)
    assessed = Q(residual_score__isnull=False) | Q(inherent_score__isnull=False)
    top_risks = list(
        open_risks.filter(assessed)
        .select_related("owner")
        .order_by(F("residual_score").desc(nulls_last=True), F("inherent_score").desc(nulls_last=True), "pk")[:TOP]
    )
    unassessed = open_risks.exclude(assessed).count()
    from risk.selectors import heat_map

    grid = heat_map(risks.filter(status=RiskStatus.OPEN))
    actions = CorrectiveAction.objects.visible_to(user).filter(program=program, status__in=OPEN_ACTIONS)
    today = today_in(program.time_zone)  # overdue as the corrective-action list has it
    progress(50)
    return {
        "program": program,
        "gates": list(PhaseGate.objects.visible_to(user).filter(program=program).select_related("passed_by")),
        "milestones": list(Milestone.objects.visible_to(user).filter(program=program)),
        "contract_rows": contract_rows,
        "lines": lines,
        "planned_total": sum((f.line.planned_amount for f in lines), ZERO),
        "actual_total": sum((f.actual for f in lines), ZERO),
        "forecast_total": sum((f.forecast for f in lines), ZERO),
        # invoices of contracts in another currency: not in the budget figures (no exchange rates)
        "other_currencies": other_currencies_note(other_currencies([program.pk]).get(program.pk, [])),
        "top_risks": top_risks,
        "unassessed_risks": unassessed,
        "counts": {(c["likelihood"], c["impact"]): c["count"] for row in grid for c in row["cells"]},
        "open_actions": actions.count(),
        "overdue_actions": actions.filter(due_date__lt=today).count(),
    }


def build(report, user, progress=lambda pct: None):
    data = collect(report, user, progress)
    program = data["program"]
    context = base_context(
        report,
        title=_("Program status"),
        subtitle=f"{program.code} · {program.name}",
        sections=[
            ("overview", _("Overview")),
            ("milestones", _("Milestones")),
            ("contracts", _("Contracts and service levels")),
            ("budget", _("Budget")),
            ("risks", _("Top risks")),
        ],
    )
    context.update(data)
    if data["lines"]:
        context["budget_chart"] = charts.bar_chart(
            title=_("Budget by line"),
            categories=[f"{f.line.get_category_display()} {f.line.period}" for f in data["lines"]],
            series=[
                charts.Series(_("Planned"), [f.line.planned_amount for f in data["lines"]]),
                charts.Series(_("Actual"), [f.actual for f in data["lines"]]),
                charts.Series(_("Forecast at completion"), [f.forecast for f in data["lines"]]),
            ],
        )
    context["heat_chart"] = heat_chart(data["counts"], _("Open risks by residual likelihood and impact"))
    return "pdf/program_status.html", context
