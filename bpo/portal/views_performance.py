"""The vendor's read-only service-level dashboard of one of its contracts."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from bpo.core.records import errors_not_shown
from bpo.core.zones import date_in_zone
from contracts.models import Contract
from performance.selectors import dashboard as dashboard_data

from .exports import portal_export
from .views import _vendor_user, portal_login_required

SCORECARD_COLUMNS = [
    (gettext_lazy("Contract"), "contract.number"),
    (gettext_lazy("Period"), "period.label"),
    # The figures as published while a scorecard is back in review (never the ones under review).
    (gettext_lazy("Total"), lambda c: c.as_published().total),
    (gettext_lazy("Band"), lambda c: c.as_published().band),
    (gettext_lazy("Out of date"), lambda c: c.as_published().note or None),
    # the date in the program's zone, as the page shows it (not the server's)
    (gettext_lazy("Acknowledged"), lambda c: date_in_zone(c.acknowledged_at, c.contract.program.time_zone)),
]


@portal_login_required
def dashboard(request, pk):
    user = _vendor_user(request)
    contract = get_object_or_404(Contract.objects.visible_to(user), pk=pk)
    context = dashboard_data(contract)
    context.update(contract=contract, can_reopen=False, can_run=False)
    return render(request, "portal/performance/dashboard.html", context)


# Scorecards: the vendor reads its published scorecards (never reviewer ratings or internal notes),
# acknowledges one, or disputes a criterion with a reason. One back in review because its period's
# results changed is read as published, with the note (Scorecard.as_published), never as recomputed.


@portal_login_required
def scorecard_list(request):
    from performance.models import Scorecard

    user = _vendor_user(request)
    cards = (
        Scorecard.objects.visible_to(user)
        .select_related("contract__program", "period")
        .order_by("-period__start", "pk")
    )
    if export := portal_export(request, "scorecards", cards, SCORECARD_COLUMNS, sheet=_("Scorecards")):
        return export
    rows = [(card, card.as_published()) for card in cards]
    return render(request, "portal/performance/scorecard_list.html", {"cards": cards, "rows": rows})


def _scorecard(request, pk):
    from performance.models import Scorecard

    return get_object_or_404(Scorecard.objects.visible_to(_vendor_user(request)), pk=pk)


@portal_login_required
def scorecard_detail(request, pk):
    return _scorecard_page(request, _scorecard(request, pk))


def _scorecard_page(request, card, form=None):
    """The vendor's scorecard; `form` is a refused dispute, shown again next to its criterion with
    its errors and the reason typed."""
    from performance.scorecards.choices import DisputeStatus
    from performance.scorecards.forms import DisputeForm

    shown = card.as_published()
    lines = shown.lines(card.lines.prefetch_related("disputes").order_by("order", "pk"))
    posted = form.data.get("line") if form is not None else None
    for line in lines:
        # One open dispute per criterion (the service's rule): no form where one is open.
        line.dispute_open = any(d.status == DisputeStatus.OPEN for d in line.disputes.all())
        if posted == str(line.pk):
            line.dispute_form = form
        else:
            line.dispute_form = DisputeForm(scorecard=card, initial={"line": line.pk}, auto_id=f"line{line.pk}-%s")
    errors = []
    if form is not None and not any(line.dispute_form is form for line in lines):
        errors = errors_not_shown(form)
    context = {"card": card, "shown": shown, "lines": lines, "form_errors": errors}
    return render(request, "portal/performance/scorecard_detail.html", context)


@portal_login_required
@require_POST
def scorecard_acknowledge(request, pk):
    from performance.scorecards import services

    card = _scorecard(request, pk)
    try:
        services.scorecard_acknowledge(scorecard=card, by=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect("portal:scorecard_detail", pk=card.pk)
    messages.success(request, _("Scorecard acknowledged."))
    return redirect("portal:scorecard_detail", pk=card.pk)


@portal_login_required
@require_POST
def scorecard_dispute(request, pk):
    from bpo.core.records import add_service_errors
    from performance.scorecards import services
    from performance.scorecards.forms import DisputeForm

    card = _scorecard(request, pk)
    line = request.POST.get("line", "")
    form = DisputeForm(request.POST, scorecard=card, auto_id=f"line{line}-%s" if line.isdigit() else "%s")
    if not form.is_valid():
        return _scorecard_page(request, card, form)
    try:
        services.scorecard_dispute(line=form.cleaned_data["line"], by=request.user, reason=form.cleaned_data["reason"])
    except ValidationError as exc:
        add_service_errors(form, exc)
        return _scorecard_page(request, card, form)
    messages.success(request, _("Dispute sent."))
    return redirect("portal:scorecard_detail", pk=card.pk)
