"""The risk register: list, detail with history and score trend, create/edit, assess, indicators, heat map."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from bpo.core.access import StaffRequiredMixin
from bpo.core.records import RecordDetailView, RecordFormView
from bpo.core.zones import today_in

from .. import selectors, services
from ..filtersets import RiskFilterSet
from ..forms import AssessForm, KriForm, KriReadingForm, RiskForm
from ..models import KeyRiskIndicator, Risk
from ..tables import RISK_COLUMNS
from .base import ActOnRecordView, RiskListView


class RiskRegisterView(RiskListView):
    model = Risk
    filterset_class = RiskFilterSet
    columns = RISK_COLUMNS
    title = _("Risk register")
    export_name = "risks"
    create_url_name = "risk:risk_create"
    report_kind = "risk_register"

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("program", "vendor", "owner")


class RiskDetailView(RecordDetailView):
    model = Risk
    template_name = "risk/risk_detail.html"

    def get_object(self):
        obj = super().get_object()
        return Risk.objects.select_related("program", "vendor", "owner", "contract").get(pk=obj.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        risk = context["object"]
        indicators = list(risk.indicators.select_related("service_level").prefetch_related("readings"))
        for kri in indicators:
            kri.recent = list(kri.readings.all()[:6])
        context.update(
            trend=selectors.score_trend(risk),
            indicators=indicators,
            plans=risk.plans.all(),
            incidents=risk.incidents.all()[:20],
            actions=risk.corrective_actions.select_related("owner")[:50],
            today=today_in(risk.program.time_zone),  # "late" as the Review overdue filter has it
        )
        return context


class RiskFormView(RecordFormView):
    model = Risk
    form_class = RiskForm

    def can_create(self):
        return services.can_create_in_any_program(self.request.user)

    def get_initial(self):
        initial = super().get_initial()
        if "program" in self.request.GET:
            initial["program"] = self.request.GET["program"]
        return initial

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_title(self):
        return _("Edit %(name)s") % {"name": self.object} if self.object else _("New risk")

    def save(self, form):
        if self.object is None:
            return services.risk_create(by=self.request.user, **form.cleaned_data)
        return services.risk_update(risk=self.object, by=self.request.user, **form.cleaned_data)


class RiskAssessView(ActOnRecordView):
    """Scores the risk; each assessment is kept in its history."""

    parent_model = Risk
    form_class = AssessForm
    success_message = _("Assessment recorded.")

    def get_initial(self):
        risk = self.parent
        # A review date still ahead is shown and kept; one due today or overdue is left empty,
        # so this assessment sets the next one (today plus the review frequency, as the field says).
        upcoming = risk.next_review_date
        if upcoming is not None and upcoming <= today_in(risk.program.time_zone):
            upcoming = None
        return {
            "inherent_likelihood": risk.inherent_likelihood,
            "inherent_impact": risk.inherent_impact,
            "residual_likelihood": risk.residual_likelihood,
            "residual_impact": risk.residual_impact,
            "next_review_date": upcoming,
        }

    def get_title(self):
        return _("Assess %(risk)s") % {"risk": self.parent}

    def perform(self, form):
        services.risk_assess(risk=self.parent, by=self.request.user, **form.cleaned_data)
        return self.parent


class KriCreateView(ActOnRecordView):
    parent_model = Risk
    form_class = KriForm
    success_message = _("Indicator added.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "risk": self.parent}

    def get_title(self):
        return _("New key risk indicator for %(risk)s") % {"risk": self.parent}

    def perform(self, form):
        return services.kri_create(risk=self.parent, by=self.request.user, **form.cleaned_data)


class KriReadingView(ActOnRecordView):
    parent_model = KeyRiskIndicator
    form_class = KriReadingForm
    success_message = _("Reading recorded.")

    def get_initial(self):
        return {"period": today_in(self.parent.risk.program.time_zone).replace(day=1)}

    def get_title(self):
        return _("Reading of %(kri)s") % {"kri": self.parent}

    def perform(self, form):
        services.kri_record_reading(indicator=self.parent, by=self.request.user, **form.cleaned_data)
        return self.parent


class HeatMapView(LoginRequiredMixin, StaffRequiredMixin, TemplateView):
    """5 x 5 heat maps (inherent and residual) of the open risks of one program or of all
    the programs the user may see; each cell links to the register filtered to its risks."""

    template_name = "risk/heat_map.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        # The register's program filter (a picker, by id or code): a program the user may not
        # see, or no program at all, is refused next to the field and maps no risk, as on every
        # list page, rather than mapping all of them.
        data = QueryDict(mutable=True)
        if self.request.GET.get("program"):
            data["program"] = self.request.GET["program"]
        filterset = RiskFilterSet(
            data,
            queryset=Risk.objects.visible_to(user).open(),
            request=self.request,
        )
        risks = filterset.qs
        program = filterset.form.cleaned_data.get("program") if filterset.is_valid() else None
        maps = []
        for basis, label in (("inherent", _("Inherent")), ("residual", _("Residual"))):
            maps.append({"basis": basis, "label": label, "rows": selectors.heat_map(risks, basis=basis)})
        context.update(
            program_field=filterset.form["program"],
            program=program,
            maps=maps,
            counts=selectors.level_counts(risks),
            impacts=range(1, 6),
        )
        return context
