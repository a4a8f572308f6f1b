"""Staff pages of the engine: a contract's service-level dashboard, running it, reopening, credits."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from bpo.core.access import StaffRequiredMixin, get_visible_or_404
from bpo.core.lists import FilteredListView
from bpo.core.scoping import MONEY
from contracts.models import Contract
from delivery.invoicing import DISPUTE_REASON_MAX_LENGTH

from . import services
from .filtersets import CreditFilterSet
from .models import Credit, Period
from .selectors import dashboard
from .tables import CREDIT_COLUMNS


@login_required
def contract_dashboard(request, pk):
    if request.user.is_vendor_user:
        raise PermissionDenied
    # The dashboard (periods, results, credits) is the money the contract's service levels earn:
    # finance reads every program's, legal only as a member (bpo.core.scoping); the samples behind
    # it (the measurements page) are the program's content.
    contract = get_object_or_404(Contract.objects.visible_to(request.user, MONEY), pk=pk)
    return _dashboard_page(request, contract)


def _dashboard_page(request, contract, reopen=None):
    """The dashboard; `reopen` is a refused reopening (period id, reason typed, errors), shown again
    next to that period's reason with what was typed."""
    context = dashboard(contract)
    context.update(
        contract=contract,
        can_run=Contract.objects.operable_by(request.user).filter(pk=contract.pk).exists(),
        can_reopen=Contract.objects.editable_by(request.user).filter(pk=contract.pk).exists(),
        reopen=reopen,
        reopen_max_length=DISPUTE_REASON_MAX_LENGTH,
    )
    return render(request, "performance/dashboard.html", context)


@login_required
@require_POST
def contract_evaluate(request, pk):
    """Runs the engine for this contract now (the scheduled job does the same every hour)."""
    if request.user.is_vendor_user:
        raise PermissionDenied
    contract = get_visible_or_404(Contract, request.user, pk=pk)
    try:
        result = services.contract_evaluate(contract=contract, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("Evaluated %(evaluated)s provisional and finalized %(finalized)s periods.") % result,
        )
    return redirect("performance:dashboard", pk=contract.pk)


@login_required
@require_POST
def period_reopen(request, pk):
    """A program manager reopens a finalized period, with the reason recorded."""
    if request.user.is_vendor_user:
        raise PermissionDenied
    period = get_visible_or_404(Period, request.user, pk=pk)
    reason = request.POST.get("reason", "")
    try:
        services.period_reopen(period=period, by=request.user, reason=reason)
    except ValidationError as exc:
        if "reason" in getattr(exc, "error_dict", {}):  # next to the reason, what was typed kept
            reopen = {"period": period.pk, "reason": reason, "errors": exc.message_dict["reason"]}
            return _dashboard_page(request, period.contract, reopen)
        messages.error(request, " ".join(exc.messages))  # not finalized (any more): no form to show it by
        return redirect("performance:dashboard", pk=period.contract_id)
    messages.success(request, _("Period %(label)s reopened.") % {"label": period.label})
    return redirect("performance:dashboard", pk=period.contract_id)


class CreditListView(StaffRequiredMixin, FilteredListView):
    """Service credits across the contracts the user may see (finance reads them all)."""

    model = Credit
    filterset_class = CreditFilterSet
    columns = CREDIT_COLUMNS
    title = _("Service credits")
    export_name = "service-credits"

    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("period__contract__vendor", "service_level")
            .order_by("-period__start", "period__contract__number", "service_level__code")
        )
