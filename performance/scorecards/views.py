"""Staff pages of scorecards: the list, a scorecard with its review actions, drafting, resolving disputes."""

from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from bpo.core.access import StaffRequiredMixin, get_visible_or_404
from bpo.core.lists import Column, FilteredListView
from performance.models import Period

from . import services
from .filtersets import ScorecardFilterSet
from .models import Scorecard, ScorecardDispute, ScorecardLine

COLUMNS = (
    Column("contract.number", _("Contract"), link=True),
    Column("contract.vendor.name", _("Vendor")),
    Column("period.label", _("Period"), order="period"),
    Column("status", _("Status"), order="status"),
    Column("total", _("Total"), order="total"),
    Column("band", _("Band")),
    Column("is_partial", _("Criteria missing")),
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
        return super().get_base_queryset().select_related("contract__vendor", "period").order_by("-period__start", "pk")


def _decimal(value):
    if value in (None, ""):
        return None
    try:
        return Decimal(value)
    except InvalidOperation as exc:
        raise ValidationError(_("Enter a number.")) from exc


@login_required
def scorecard_detail(request, pk):
    """The scorecard with every line, reviewer ratings (internal), disputes and the actions the user may take."""
    _staff(request)
    card = get_visible_or_404(Scorecard, request.user, pk=pk)
    can_edit = Scorecard.objects.editable_by(request.user).filter(pk=card.pk).exists()
    lines = card.lines.prefetch_related("ratings__reviewer", "disputes")
    my_rating = card.lines.filter(ratings__reviewer=request.user).exists() and card.status == "draft"
    staff = (
        get_user_model()
        .objects.filter(is_active=True, vendor__isnull=True, memberships__program_id=card.contract.program_id)
        .distinct()
    )
    context = {
        "card": card,
        "lines": lines,
        "can_edit": can_edit,
        "can_rate": my_rating,
        "staff": staff,
        "disputes": ScorecardDispute.objects.filter(line__scorecard=card).select_related("line", "raised_by"),
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


def _act(request, card, action):
    try:
        action()
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
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
        staff = get_user_model().objects.filter(pk__in=request.POST.getlist("reviewers"), vendor__isnull=True)
        return _act(request, card, lambda: services.scorecard_set_reviewers(scorecard=card, reviewers=staff, by=by))
    if action == "rate":
        try:
            rating = int(request.POST.get("rating", ""))
        except ValueError:
            rating = 0
        comment = request.POST.get("comment", "")
        return _act(
            request, card, lambda: services.scorecard_rate(scorecard=card, by=by, rating=rating, comment=comment)
        )
    if action == "score":
        line = get_object_or_404(ScorecardLine, scorecard=card, pk=request.POST.get("line"))

        def score():
            services.scorecard_score_line(
                line=line, by=by, score=_decimal(request.POST.get("score")), note=request.POST.get("note", "")
            )

        return _act(request, card, score)
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
    accept = request.POST.get("decision") == "accept"

    def resolve():
        services.scorecard_resolve_dispute(
            dispute=dispute,
            by=request.user,
            accept=accept,
            reason=request.POST.get("resolution", ""),
            corrected_score=_decimal(request.POST.get("corrected_score")),
        )

    return _act(request, card, resolve)
