"""Vendor performance: the vendor's contracts the requester sees, each service level's trend
over its last periods (chart and table), the credits by status and the scorecards."""

from django.utils.translation import gettext as _

from bpo.core import charts
from contracts.models import Contract
from performance.scorecards.models import Scorecard
from performance.selectors import dashboard
from vendors.models import Vendor

from ..pdf import base_context
from .common import visible_or_gone


def collect(report, user, progress=lambda pct: None) -> dict:
    vendor = visible_or_gone(Vendor, user, report.vendor_id)
    contracts = list(
        Contract.objects.visible_to(user).filter(vendor=vendor).select_related("program").order_by("number")
    )
    rows = []
    for i, contract in enumerate(contracts):
        board = dashboard(contract)
        for level in board["levels"]:
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
        rows.append({"contract": contract, **board})
        progress(20 + int(40 * (i + 1) / max(len(contracts), 1)))
    scorecards = list(
        Scorecard.objects.visible_to(user)
        .filter(contract__in=[c.pk for c in contracts])
        .select_related("contract", "period")
        .order_by("contract__number", "-period__start")
    )
    return {"vendor": vendor, "contracts": rows, "scorecards": scorecards}


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
    context.update(data)
    return "pdf/vendor_performance.html", context
