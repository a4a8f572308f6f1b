"""Evaluation in the staff UI: a proposal (after the deadline), score sheets, the comparison
matrix with its export, due diligence and the award proposal."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views import View

from bpo.core.access import StaffRequiredMixin, get_editable_or_403, get_visible_or_404
from bpo.core.export import export_response

from ..files import file_response
from ..forms import AwardForm, DiligenceForm, RequirementCheckForm
from ..models import (
    AwardDecision,
    EvaluatorAssignment,
    Proposal,
    ProposalAttachment,
    RequirementCheck,
    Score,
    SourcingEvent,
)
from ..selectors import evaluation_matrix, matrix_export_rows
from ..services import (
    award_propose,
    diligence_record,
    is_disqualified,
    proposal_shortlist,
    requirement_check_record,
    score_sheet_save,
)
from .common import add_service_errors, run_with_message


class ProposalDetailView(LoginRequiredMixin, StaffRequiredMixin, View):
    """A proposal: 404 while sealed (before the deadline), for everyone on the staff side."""

    def get(self, request, pk):
        return self.render(get_visible_or_404(Proposal, request.user, pk=pk))

    def render(self, proposal, status=200):
        request = self.request
        event = proposal.event
        editable = SourcingEvent.objects.editable_by(request.user).filter(pk=event.pk).exists()
        checks = {
            c.requirement_id: c for c in RequirementCheck.objects.visible_to(request.user).filter(proposal=proposal)
        }
        return render(
            request,
            "vendors/proposal_detail.html",
            {
                "object": proposal,
                "event": event,
                "attachments": proposal.attachments.all(),
                "requirements": [(r, checks.get(r.pk)) for r in event.requirements.all()],
                "disqualified": is_disqualified(proposal),
                "can_edit": editable,
                "diligence": proposal.diligence.prefetch_related("kpis"),
            },
            status=status,
        )

    def post(self, request, pk):
        """Records requirement checks (`requirement`, `passed`, `note`) or the shortlist flag."""
        proposal = get_visible_or_404(Proposal, request.user, pk=pk)
        if "shortlist" in request.POST:
            run_with_message(
                request,
                proposal_shortlist,
                _("Shortlist updated."),
                proposal=proposal,
                by=request.user,
                shortlisted=request.POST["shortlist"] == "1",
            )
            return redirect(proposal.get_absolute_url())
        form = RequirementCheckForm(request.POST)
        requirement = None
        if form.is_valid():
            requirement = proposal.event.requirements.filter(pk=form.cleaned_data["requirement"]).first()
        if requirement is None:
            # Refused where it was posted, with a 400 and the reason: a redirect after an invalid
            # value (passed=false) read like success to an API-style caller.
            if "passed" in form.errors:
                messages.error(request, _("Choose pass or fail."))
            else:
                messages.error(request, _("Choose a mandatory requirement of this event."))
            return self.render(proposal, status=400)
        run_with_message(
            request,
            requirement_check_record,
            _("Check recorded."),
            proposal=proposal,
            requirement=requirement,
            by=request.user,
            passed=form.cleaned_data["passed"],
            note=form.cleaned_data["note"],
        )
        return redirect(proposal.get_absolute_url())


class ProposalAttachmentView(LoginRequiredMixin, StaffRequiredMixin, View):
    def get(self, request, pk):
        return file_response(get_visible_or_404(ProposalAttachment, request.user, pk=pk).file)


class ScoreSheetView(LoginRequiredMixin, StaffRequiredMixin, View):
    """An assigned evaluator's sheet: every proposal x every non-price criterion, 0 to 10.
    Only their own scores are shown until they submit."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.is_vendor_user:
            self.event = get_visible_or_404(SourcingEvent, request.user, pk=kwargs["pk"])
            self.assignment = (
                EvaluatorAssignment.objects.visible_to(request.user).filter(event=self.event, user=request.user).first()
            )
            if self.assignment is None:
                raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def _grid(self):
        proposals = list(
            Proposal.objects.visible_to(self.request.user).filter(event=self.event).select_related("vendor")
        )
        criteria = [c for c in self.event.criteria.all() if not c.is_price]
        mine = {(s.proposal_id, s.criterion_id): s for s in Score.objects.filter(assignment=self.assignment)}
        return proposals, criteria, mine

    def get(self, request, pk):
        proposals, criteria, mine = self._grid()
        return self.render(proposals, criteria, mine, errors={})

    def post(self, request, pk):
        if self.assignment.submitted_at:  # final: its disabled cells post nothing, and nothing changes
            messages.error(request, _("You have submitted your scores; they can no longer change."))
            return redirect("vendors:score_sheet", pk=self.event.pk)
        # "Submit my scores" is a button of this form: what is typed is saved and submitted at once.
        submit = request.POST.get("action") == "submit"
        proposals, criteria, mine = self._grid()
        cells = {
            f"s-{proposal.pk}-{criterion.pk}": (
                proposal,
                criterion,
                request.POST.get(f"s-{proposal.pk}-{criterion.pk}", "").strip(),
                # None when the page sends no comment (it has no such field): kept as stored.
                request.POST.get(f"c-{proposal.pk}-{criterion.pk}"),
            )
            for proposal in proposals
            for criterion in criteria
        }
        try:
            errors = score_sheet_save(event=self.event, by=request.user, cells=cells, submit=submit)
        except ValidationError as exc:
            # Nothing was saved or submitted: the typed values come back with the refusals.
            refusals = exc.message_dict if hasattr(exc, "error_dict") else {None: exc.messages}
            errors = {key: " ".join(texts) for key, texts in refusals.items() if key in cells}
            for key, texts in refusals.items():
                if key not in cells:
                    messages.error(request, " ".join(texts))
            proposals, criteria, mine = self._grid()
            return self.render(
                proposals, criteria, mine, errors=errors, posted=request.POST, status=400, not_submitted=submit
            )
        if errors:
            proposals, criteria, mine = self._grid()
            return self.render(proposals, criteria, mine, errors=errors, posted=request.POST, status=400)
        messages.success(request, _("Your scores are submitted.") if submit else _("Scores saved."))
        return redirect("vendors:score_sheet", pk=self.event.pk)

    def render(self, proposals, criteria, mine, errors, posted=None, status=200, not_submitted=False):
        rows = []
        for proposal in proposals:
            cells = []
            for criterion in criteria:
                key = f"s-{proposal.pk}-{criterion.pk}"
                saved = mine.get((proposal.pk, criterion.pk))
                value = posted.get(key, "") if posted else (saved.score if saved else "")
                cells.append(
                    {
                        "key": key,
                        "criterion": criterion,
                        "value": value,
                        "error": errors.get(key),
                        "comment": saved.comment if saved else "",
                    }
                )
            rows.append({"proposal": proposal, "cells": cells})
        return render(
            self.request,
            "vendors/score_sheet.html",
            {
                "object": self.event,
                "assignment": self.assignment,
                "criteria": criteria,
                "rows": rows,
                "has_errors": bool(errors),
                "not_submitted": not_submitted,
            },
            status=status,
        )


class EvaluationView(LoginRequiredMixin, StaffRequiredMixin, View):
    """The comparison matrix: ranked, with consensus flags, disqualification and due diligence.
    `?export=xlsx` (or csv) downloads the same numbers."""

    def get(self, request, pk):
        event = get_visible_or_404(SourcingEvent, request.user, pk=pk)
        matrix = evaluation_matrix(event, request.user)
        fmt = request.GET.get("export")
        if fmt in ("csv", "xlsx"):
            if matrix["blind"]:
                raise PermissionDenied
            headers, rows = matrix_export_rows(matrix)
            return export_response(
                fmt=fmt,
                filename=f"evaluation-{event.pk}",
                headers=headers,
                rows=rows,
                sheet=_("Comparison: %(event)s") % {"event": event.title},
            )
        return render(
            request,
            "vendors/evaluation.html",
            {
                "object": event,
                "matrix": matrix,
                "can_edit": SourcingEvent.objects.editable_by(request.user).filter(pk=event.pk).exists(),
            },
        )


class DiligenceCreateView(LoginRequiredMixin, StaffRequiredMixin, View):
    """Records due diligence on a shortlisted vendor of the event."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.is_vendor_user:
            self.event = get_editable_or_403(SourcingEvent, request.user, pk=kwargs["pk"])
            self.proposals = Proposal.objects.visible_to(request.user).filter(event=self.event, shortlisted=True)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, pk):
        return self.render(DiligenceForm(proposals=self.proposals))

    def post(self, request, pk):
        form = DiligenceForm(request.POST, proposals=self.proposals)
        if form.is_valid():
            data = dict(form.cleaned_data)
            try:
                diligence_record(by=request.user, **data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Due diligence recorded."))
                return redirect("vendors:evaluation", pk=self.event.pk)
        return self.render(form)

    def render(self, form):
        title = _("Due diligence for %(event)s") % {"event": self.event.title}
        return render(self.request, "core/form.html", {"form": form, "title": title, "object": self.event})


class AwardView(LoginRequiredMixin, StaffRequiredMixin, View):
    """A manager proposes the award; the sponsor or an administrator approves it on the event page."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.is_vendor_user:
            self.event = get_editable_or_403(SourcingEvent, request.user, pk=kwargs["pk"])
            self.proposals = Proposal.objects.visible_to(request.user).filter(event=self.event).select_related("vendor")
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, pk):
        award = AwardDecision.objects.filter(event=self.event).first()
        initial = {"proposal": award.proposal_id, "rationale": award.rationale} if award else {}
        return self.render(AwardForm(initial=initial, proposals=self.proposals))

    def post(self, request, pk):
        form = AwardForm(request.POST, proposals=self.proposals)
        if form.is_valid():
            try:
                award_propose(event=self.event, by=request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Award proposed; it waits for approval."))
                return redirect(self.event.get_absolute_url())
        return self.render(form)

    def render(self, form):
        title = _("Award %(event)s") % {"event": self.event.title}
        return render(self.request, "core/form.html", {"form": form, "title": title, "object": self.event})
