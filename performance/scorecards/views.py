"""Staff pages of scorecards: the list, a scorecard with its review actions, drafting, resolving disputes."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from bpo.core.access import StaffRequiredMixin, get_visible_or_404
from bpo.core.lists import Column, FilteredListView
from bpo.core.records import add_service_errors, errors_not_shown
from performance.models import Period

from . import services
from .filtersets import ScorecardFilterSet
from .forms import RateForm, ResolveForm, ReviewersForm, ScoreLineForm, staff_of
from .models import Scorecard, ScorecardDispute

COLUMNS = (
    Column("contract.number", _("Contract"), link=True),
    Column("contract.vendor.name", _("Vendor")),
    Column("period.label", _("Period"), order="period"),
    Column("status", _("Status"), order="status"),
    Column("total", _("Total"), order="total"),
    Column("band", _("Band")),
    Column("is_partial", _("Criteria missing")),
    # Back in review because its period's results changed after publication (empty when current).
    Column("review_flag", _("Out of date")),
)


def _staff(request):
    if request.user.is_vendor_user:
        raise PermissionDenied


class ScorecardListView(StaffRequiredMixin, FilteredListView):
    model = Scorecard
    filterset_class = ScorecardFilterSet
    columns = COLUMNS
    title = _("Scorecards")
    export_name = "scorecards"

    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("contract__vendor", "contract__program", "period")
            .order_by("-period__start", "pk")
        )


@login_required
def scorecard_detail(request, pk):
    """The scorecard with every line, reviewer ratings (internal), disputes and the actions the user may take."""
    _staff(request)
    card = get_visible_or_404(Scorecard, request.user, pk=pk)
    return _page(request, card)


def _page(request, card, bound=None):
    """The scorecard's page; `bound` is a refused form (kind, form), shown again with its errors next
    to its fields and what was typed."""
    kind, form = bound or (None, None)
    can_edit = Scorecard.objects.editable_by(request.user).filter(pk=card.pk).exists()
    lines = list(card.lines.prefetch_related("ratings__reviewer", "disputes"))
    my_rating = card.lines.filter(ratings__reviewer=request.user).exists() and card.status == "draft"
    staff = staff_of(card)
    posted_line = form.data.get("line") if kind == "score" else None
    for line in lines:
        if posted_line == str(line.pk):
            line.score_form = form
        else:
            line.score_form = ScoreLineForm(
                scorecard=card,
                initial={"line": line.pk, "score": line.score, "note": line.internal_note},
                auto_id=f"line{line.pk}-%s",
            )
    disputes = list(ScorecardDispute.objects.filter(line__scorecard=card).select_related("line", "raised_by"))
    for dispute in disputes:
        if kind == f"resolve-{dispute.pk}":
            dispute.resolve_form = form
        else:
            dispute.resolve_form = ResolveForm(auto_id=f"dispute{dispute.pk}-%s")
    context = {
        "card": card,
        "lines": lines,
        "can_edit": can_edit,
        "can_rate": my_rating,
        "rate_form": form if kind == "rate" else RateForm(auto_id="rate-%s"),
        "reviewers_form": form if kind == "reviewers" else ReviewersForm(staff=staff, auto_id="reviewers-%s"),
        "form_errors": errors_not_shown(form) if form is not None else [],
        "disputes": disputes,
        "trend": _contract_trend(card, request.user),
    }
    return render(request, "performance/scorecard_detail.html", context)


def _contract_trend(card, user):
    """The totals of this contract's scorecards over its last 12 periods (any status: staff see drafts)."""
    from performance.insight.charts import scorecard_trend_chart

    cards = list(
        Scorecard.objects.visible_to(user)
        .filter(contract_id=card.contract_id, total__isnull=False)
        .select_related("contract", "period")
        .order_by("-period__start")[:12]
    )
    return scorecard_trend_chart(cards[::-1]) if len(cards) > 1 else None


def _act(request, card, action, kind=None, form=None):
    """Runs a review action; a refusal shows the page again with the form's errors (next to the field
    the service names) and what was typed."""
    try:
        action()
    except ValidationError as exc:
        if form is None:
            messages.error(request, " ".join(exc.messages))
        else:
            add_service_errors(form, exc)
            return _page(request, card, (kind, form))
    else:
        messages.success(request, _("Saved."))
    return redirect("performance:scorecard_detail", pk=card.pk)


@login_required
@require_POST
def scorecard_draft(request, pk):
    """A manager drafts the scorecard of a finalized period now (the job does it hourly)."""
    _staff(request)
    period = get_visible_or_404(Period, request.user, pk=pk)
    try:
        card, _created = services.scorecard_draft(period=period, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("performance:dashboard", pk=period.contract_id)
    return redirect("performance:scorecard_detail", pk=card.pk)


@login_required
@require_POST
def scorecard_review(request, pk):
    """Review actions on a scorecard: name reviewers, rate, score a line, submit, back to draft, publish."""
    _staff(request)
    card = get_visible_or_404(Scorecard, request.user, pk=pk)
    action = request.POST.get("action")
    by = request.user
    if action == "reviewers":
        form = ReviewersForm(request.POST, staff=staff_of(card), auto_id="reviewers-%s")
        if not form.is_valid():
            return _page(request, card, ("reviewers", form))
        reviewers = form.cleaned_data["reviewers"]
        return _act(
            request,
            card,
            lambda: services.scorecard_set_reviewers(scorecard=card, reviewers=reviewers, by=by),
            "reviewers",
            form,
        )
    if action == "rate":
        form = RateForm(request.POST, auto_id="rate-%s")
        if not form.is_valid():
            return _page(request, card, ("rate", form))
        data = form.cleaned_data
        return _act(
            request,
            card,
            lambda: services.scorecard_rate(scorecard=card, by=by, rating=data["rating"], comment=data["comment"]),
            "rate",
            form,
        )
    if action == "score":
        line = request.POST.get("line", "")
        form = ScoreLineForm(request.POST, scorecard=card, auto_id=f"line{line}-%s" if line.isdigit() else "%s")
        if not form.is_valid():
            return _page(request, card, ("score", form))
        data = form.cleaned_data

        def score():
            services.scorecard_score_line(line=data["line"], by=by, score=data["score"], note=data["note"])

        return _act(request, card, score, "score", form)
    if action == "submit":
        return _act(request, card, lambda: services.scorecard_submit(scorecard=card, by=by))
    if action == "return":
        return _act(request, card, lambda: services.scorecard_return_to_draft(scorecard=card, by=by))
    if action == "publish":
        return _act(request, card, lambda: services.scorecard_publish(scorecard=card, by=by))
    return HttpResponseBadRequest()


@login_required
@require_POST
def dispute_resolve(request, pk):
    """Staff accept a dispute with a corrected score, or reject it with a reason."""
    _staff(request)
    dispute = get_visible_or_404(ScorecardDispute, request.user, pk=pk)
    card = dispute.line.scorecard
    kind = f"resolve-{dispute.pk}"
    form = ResolveForm(request.POST, auto_id=f"dispute{dispute.pk}-%s")
    if not form.is_valid():
        return _page(request, card, (kind, form))
    data = form.cleaned_data

    def resolve():
        services.scorecard_resolve_dispute(
            dispute=dispute,
            by=request.user,
            accept=data["decision"] == "accept",
            reason=data["resolution"],
            corrected_score=data["corrected_score"],
        )

    return _act(request, card, resolve, kind, form)
