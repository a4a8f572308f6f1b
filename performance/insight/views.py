"""Staff page of a vendor's performance: trends, attainment and spend against performance."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from bpo.core.access import get_visible_or_404
from vendors.models import Vendor

from .selectors import spend_performance, vendor_performance


@login_required
def vendor_performance_page(request, pk):
    """Scorecard and criterion trends and service-level attainment of one vendor over the contracts
    the user may see, and the quadrant of spend against performance across the vendors of those
    programs (this vendor highlighted)."""
    if request.user.is_vendor_user:
        raise PermissionDenied
    vendor = get_visible_or_404(Vendor, request.user, pk=pk)
    context = {"vendor": vendor, **vendor_performance(vendor, request.user)}
    context.update(spend_performance(request.user, highlight=vendor))
    return render(request, "performance/insight/vendor.html", context)
