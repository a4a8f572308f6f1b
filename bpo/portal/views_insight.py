"""The vendor's own performance in the portal: scorecard and criterion trends, service-level attainment.

Read-only, and only its own records (visible_to). The spend-against-performance quadrant is left
out here: it would show other vendors' spend and scores, which a vendor may never see."""

from django.shortcuts import render

from performance.insight.selectors import vendor_performance as performance_data

from .views import _vendor_user, portal_login_required


@portal_login_required
def vendor_performance(request):
    user = _vendor_user(request)
    context = {"vendor": user.vendor, **performance_data(user.vendor, user)}
    return render(request, "portal/performance/insight.html", context)
