"""The vendor's read-only view of the risks shared with it, with the actions assigned to it.

Only risks flagged shared-with-vendor and tied to the user's vendor appear; anything else
answers 404, exactly like a risk that does not exist.
"""

from django.shortcuts import get_object_or_404, render

from risk.selectors import portal_actions, portal_risks

from .views import _vendor_user, portal_login_required


@portal_login_required
def risk_list(request):
    user = _vendor_user(request)
    return render(request, "portal/risk/risk_list.html", {"risks": portal_risks(user.vendor_id)})


@portal_login_required
def risk_detail(request, pk):
    user = _vendor_user(request)
    risk = get_object_or_404(portal_risks(user.vendor_id), pk=pk)
    return render(
        request,
        "portal/risk/risk_detail.html",
        {"risk": risk, "actions": portal_actions(risk, user.vendor_id)},
    )
