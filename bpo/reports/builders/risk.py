"""Risk register: the open and closed risks the requester sees (optionally of one program),
with inherent and residual scores, owners and treatments, and the residual heat map."""

from django.utils.translation import gettext as _

from bpo.core import charts
from risk.choices import RiskStatus
from risk.models import Risk
from risk.selectors import heat_map, level_counts

from ..pdf import base_context
from .common import program_scope


def collect(report, user, progress=lambda pct: None) -> dict:
    risks, scope = program_scope(report, user, Risk.objects.visible_to(user))
    rows = list(
        risks.select_related("program", "owner", "vendor").order_by("status", "-residual_score", "program__code", "pk")
    )
    progress(40)
    grid = heat_map(risks, basis="residual")
    return {
        "scope": scope,
        "risks": rows,
        "open_count": sum(1 for r in rows if r.status == RiskStatus.OPEN),
        "levels": level_counts(risks),
        "grid": grid,
        "counts": {(c["likelihood"], c["impact"]): c["count"] for row in grid for c in row["cells"]},
    }


def heat_chart(counts, title):
    return charts.heat_map(title=title, counts=counts, x_label=_("Impact"), y_label=_("Likelihood"))


def build(report, user, progress=lambda pct: None):
    data = collect(report, user, progress)
    context = base_context(
        report,
        title=_("Risk register"),
        subtitle=str(data["scope"]) if data["scope"] else _("All programs I can see"),
        sections=[("heatmap", _("Heat map")), ("register", _("Register"))],
    )
    context.update(data)
    context["heat_chart"] = heat_chart(data["counts"], _("Residual risk heat map"))
    return "pdf/risk_register.html", context
