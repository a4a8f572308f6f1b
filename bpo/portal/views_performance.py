"""The vendor's read-only service-level dashboard of one of its contracts."""

from django.shortcuts import get_object_or_404, render

from contracts.models import Contract
from performance.selectors import dashboard as dashboard_data

from .views import _vendor_user, portal_login_required


@portal_login_required
def dashboard(request, pk):
    user = _vendor_user(request)
    contract = get_object_or_404(Contract.objects.visible_to(user), pk=pk)
    context = dashboard_data(contract)
    context.update(contract=contract, can_reopen=False, can_run=False)
    return render(request, "portal/performance/dashboard.html", context)
