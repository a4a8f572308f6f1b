"""Staff pages of quality: standards, audits, reviews (lists with filters and export, details, forms),
and raising a corrective action from a review finding or a complaint. CAPA pages are the risk app's."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _

from bpo.core.lists import Column, number
from bpo.core.records import RecordDetailView, RecordFormView
from risk import services as risk_services
from risk.choices import ActionSource
from risk.models import CorrectiveAction
from risk.views.base import ActOnRecordView, RiskListView, add_service_errors

from . import services
from .filtersets import AuditFilterSet, ReviewFilterSet, StandardFilterSet
from .forms import AuditForm, ComplaintActionForm, ReviewForm, StandardForm
from .models import QualityAudit, QualityReview, QualityStandard

STANDARD_COLUMNS = (
    Column("process", _("Process"), order="process", link=True),
    Column("metric", _("Metric")),
    Column("program.code", _("Program"), order="program"),
    Column("target_display", _("Target")),
    Column("acceptance_level", _("Acceptance level (max. defect rate %)"), fmt=number),
    Column("is_active", _("Active")),
)
AUDIT_COLUMNS = (
    Column("reference", _("Reference"), link=True),
    Column("standard.process", _("Process")),
    Column("contract.number", _("Contract")),
    Column("contract.vendor.name", _("Vendor")),
    Column("period_end", _("Sampled to")),
    Column("audited_on", _("Audited on"), order="audited_on"),
    Column("sample_size", _("Sample size")),
    Column("defects", _("Defects")),
    Column("defect_rate", _("Defect rate (%)"), order="defect_rate", fmt=number),
    Column("acceptance_level", _("Acceptance level (%)"), fmt=number),
    Column("outcome", _("Result"), order="outcome"),
    Column("auditor", _("Auditor")),
)
REVIEW_COLUMNS = (
    Column("reference", _("Reference"), link=True),
    Column("title", _("Title"), order="title", link=True),
    Column("program.code", _("Program")),
    Column("contract.number", _("Contract")),
    Column("held_on", _("Held on"), order="held_on"),
    Column("rating", _("Rating"), order="rating"),
    Column("reviewer", _("Reviewer")),
)


class _QualityList(RiskListView):
    """Creating is open to administrators and the managers and contributors of some program."""

    def can_create(self):
        return services.can_create_quality(self.request.user)


class StandardListView(_QualityList):
    model = QualityStandard
    filterset_class = StandardFilterSet
    columns = STANDARD_COLUMNS
    title = _("Quality standards")
    export_name = "quality-standards"
    create_url_name = "performance:quality_standard_create"

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("program").order_by("program__code", "process", "pk")


class AuditListView(_QualityList):
    model = QualityAudit
    filterset_class = AuditFilterSet
    columns = AUDIT_COLUMNS
    title = _("Quality audits")
    export_name = "quality-audits"
    create_url_name = "performance:quality_audit_create"

    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("standard", "contract__vendor", "auditor")
            .order_by("-audited_on", "-pk")
        )


class ReviewListView(_QualityList):
    model = QualityReview
    filterset_class = ReviewFilterSet
    columns = REVIEW_COLUMNS
    title = _("Quality reviews")
    export_name = "quality-reviews"
    create_url_name = "performance:quality_review_create"

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("program", "contract", "reviewer").order_by("-held_on", "-pk")


class _Form(RecordFormView):
    """Create or edit through the service; a refusal lands next to the field it names."""

    def can_create(self):
        return services.can_create_quality(self.request.user)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}


class StandardDetailView(RecordDetailView):
    model = QualityStandard
    template_name = "performance/quality/standard_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["audits"] = (
            QualityAudit.objects.visible_to(self.request.user)
            .filter(standard=context["object"])
            .select_related("contract__vendor")[:50]
        )
        return context


class StandardFormView(_Form):
    model = QualityStandard
    form_class = StandardForm

    def get_title(self):
        return _("Edit %(name)s") % {"name": self.object} if self.object else _("New quality standard")

    def save(self, form):
        if self.object is None:
            return services.standard_create(by=self.request.user, **form.cleaned_data)
        return services.standard_update(standard=self.object, by=self.request.user, **form.cleaned_data)


class AuditDetailView(RecordDetailView):
    model = QualityAudit
    template_name = "performance/quality/audit_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["actions"] = context["object"].corrective_actions.select_related("owner")
        return context


class AuditFormView(_Form):
    model = QualityAudit
    form_class = AuditForm

    def get_initial(self):
        initial = super().get_initial()
        if self.object is None:
            initial["auditor"] = self.request.user.pk
            for key in ("standard", "contract"):
                if key in self.request.GET:
                    initial[key] = self.request.GET[key]
        return initial

    def get_title(self):
        return _("Edit %(name)s") % {"name": self.object} if self.object else _("New quality audit")

    def save(self, form):
        if self.object is None:
            return services.audit_record(by=self.request.user, **form.cleaned_data)
        return services.audit_update(audit=self.object, by=self.request.user, **form.cleaned_data)


class ReviewDetailView(RecordDetailView):
    model = QualityReview
    template_name = "performance/quality/review_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["actions"] = context["object"].corrective_actions.select_related("owner")
        return context


class ReviewFormView(_Form):
    model = QualityReview
    form_class = ReviewForm

    def get_initial(self):
        initial = super().get_initial()
        if self.object is None:
            initial["reviewer"] = self.request.user.pk
        return initial

    def get_title(self):
        return _("Edit %(name)s") % {"name": self.object} if self.object else _("New quality review")

    def save(self, form):
        if self.object is None:
            return services.review_create(by=self.request.user, **form.cleaned_data)
        return services.review_update(review=self.object, by=self.request.user, **form.cleaned_data)


class ReviewActionView(ActOnRecordView):
    """A corrective action decided on a finding of a quality review."""

    parent_model = QualityReview
    success_message = _("Corrective action raised.")

    def get_form_class(self):
        from risk.forms import ActionForm

        return ActionForm

    def get_title(self):
        return _("Corrective action for %(review)s") % {"review": self.parent}

    def get_initial(self):
        finding = self.request.GET.get("finding", "")
        return {"title": finding[:200], "problem": finding}

    def get_form_kwargs(self):
        # The owners of an action about the review's contract: no other vendor's people.
        return {**super().get_form_kwargs(), "program": self.parent.program, "contract": self.parent.contract}

    def perform(self, form):
        review = self.parent
        return risk_services.action_create(
            by=self.request.user,
            program=review.program,
            source=ActionSource.QUALITY_REVIEW,
            quality_review=review,
            **form.cleaned_data,
        )


class ComplaintActionView(RecordFormView):
    """A corrective action raised from a complaint (no other record to hang it on)."""

    model = CorrectiveAction
    form_class = ComplaintActionForm
    success_message = _("Corrective action raised.")

    def can_create(self):
        return services.can_create_quality(self.request.user)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        return kwargs

    def get_title(self):
        return _("New corrective action from a complaint")

    def form_valid(self, form):
        data = dict(form.cleaned_data)
        try:
            action = risk_services.action_create(by=self.request.user, source=ActionSource.COMPLAINT, **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message)
        return redirect(action.get_absolute_url())
