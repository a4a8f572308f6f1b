"""The vendor's read-only view of the risks shared with it, with the actions assigned to it.

Only risks flagged shared-with-vendor and tied to the user's vendor appear; anything else
answers 404, exactly like a risk that does not exist.
"""

from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _

from risk.selectors import portal_actions, portal_risks

from .exports import portal_export
from .views import _vendor_user, portal_login_required

RISK_COLUMNS = [
    (_("Reference"), "reference"),
    (_("Title"), "title"),
    (_("Program"), "program.name"),
    (_("Category"), "category"),
    (_("Residual level"), "residual_level"),
    (_("Residual score"), "residual_score"),
    (_("Next review"), "next_review_date"),
]


@portal_login_required
def risk_list(request):
    user = _vendor_user(request)
    risks = portal_risks(user.vendor_id)
    if export := portal_export(request, "shared-risks", risks, RISK_COLUMNS, sheet=_("Shared risks")):
        return export
    return render(request, "portal/risk/risk_list.html", {"risks": risks})


@portal_login_required
def risk_detail(request, pk):
    user = _vendor_user(request)
    risk = get_object_or_404(portal_risks(user.vendor_id), pk=pk)
    return render(
        request,
        "portal/risk/risk_detail.html",
        {"risk": risk, "actions": portal_actions(risk, user.vendor_id)},
    )
