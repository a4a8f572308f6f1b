"""Vendor performance: the vendor's contracts the requester sees, each service level's results
in the report's months (chart and table), the credits by status and the scorecards of those
months. A report without months covers each service level's last 12 periods, as the
service-level dashboard does, with all the contract's credits and scorecards."""

from django.utils.translation import gettext as _

from bpo.core import charts
from contracts.models import Contract
from performance.scorecards.models import Scorecard
from performance.selectors import dashboard
from vendors.models import Vendor

from ..pdf import base_context
from .common import month_after, visible_or_gone

COLUMNS = 12


def window_of(report) -> dict:
    """The periods the report covers, as `dashboard()` takes them: those starting from the first
    day of the first month up to (not including) the month after the last; {} for no months."""
    if not report.period_start:
        return {}
    return {"start": report.period_start, "end": month_after(report.period_end or report.period_start)}


def collect(report, user, progress=lambda pct: None) -> dict:
    vendor = visible_or_gone(Vendor, user, report.vendor_id)
    window = window_of(report)
    contracts = list(
        Contract.objects.visible_to(user).filter(vendor=vendor).select_related("program").order_by("number")
    )
    rows = []
    for i, contract in enumerate(contracts):
        board = dashboard(contract, **window)
        for level in board["levels"]:
            # A table of at most 12 periods fits the page's width; more months make more tables.
            level["columns"] = [level["points"][i : i + COLUMNS] for i in range(0, len(level["points"]), COLUMNS)]
            level["provisional"] = any(not p["final"] for p in level["points"])
            if level["points"]:
                level["trend"] = charts.line_chart(
                    title=f"{level['sl'].code} · {level['sl'].name}",
                    categories=[p["label"] for p in level["points"]],
                    series=[charts.Series(level["sl"].code, [p["value"] for p in level["points"]])],
                    ref_lines=[
                        charts.RefLine(_("Expected"), level["sl"].expected, color=charts.GOOD),
                        charts.RefLine(_("Minimum"), level["sl"].minimum, color=charts.BAD),
                    ],
                    unit=level["sl"].unit if level["sl"].unit == "%" else "",
                    height=200,
                )
        rows.append({"contract": contract, "provisional": any(lv["provisional"] for lv in board["levels"]), **board})
        progress(20 + int(40 * (i + 1) / max(len(contracts), 1)))
    scorecards = Scorecard.objects.visible_to(user).filter(contract__in=[c.pk for c in contracts])
    if window:
        scorecards = scorecards.filter(period__start__gte=window["start"], period__start__lt=window["end"])
    scorecards = list(
        scorecards.select_related("contract__program", "period").order_by("contract__number", "-period__start")
    )
    return {"vendor": vendor, "contracts": rows, "scorecards": scorecards, "windowed": bool(window)}


def build(report, user, progress=lambda pct: None):
    data = collect(report, user, progress)
    context = base_context(
        report,
        title=_("Vendor performance"),
        subtitle=str(data["vendor"]),
        sections=[
            *[(f"contract-{r['contract'].pk}", str(r["contract"])) for r in data["contracts"]],
            ("scorecards", _("Scorecards")),
        ],
    )
    if not data["windowed"]:
        context["period_label"] = _("The last 12 periods of each service level")
    context.update(data)
    return "pdf/vendor_performance.html", context
