"""Forms of the risk pages. Choices of programs, risks and plans are limited to what the user may edit."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bpo.accounts.models import User
from bpo.core.pickers import as_picker
from bpo.core.zones import ProgramZoneFields, aware_in_zone, zone
from strategy.models import Program

from .choices import ActionStatus, ObjectiveResult
from .models import ContingencyPlan, CorrectiveAction, Incident, KeyRiskIndicator, Risk
from .models.continuity import MINUTES_MAX, MINUTES_MAX_ERROR
from .models.incidents import EVENT_MAX_LENGTH
from .querysets import risk_program_ids
from .services import ACTION_FIELDS, INCIDENT_FIELDS, PLAN_FIELDS, RISK_FIELDS
from .services.actions import NOTE_MAX_LENGTH

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
SCALE = [("", "—")] + [(n, str(n)) for n in range(1, 6)]


def _staff_users():
    return User.objects.filter(is_active=True, vendor__isnull=True).order_by("username")


class ScopedForm(forms.ModelForm):
    """Limits `program` (and linked risks/plans) to the user's editable programs."""

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        editable = risk_program_ids(user)
        if "program" in self.fields:
            self.fields["program"].queryset = Program.objects.filter(pk__in=editable)
        if "risk" in self.fields:
            self.fields["risk"].queryset = Risk.objects.filter(program__in=editable).select_related("program")
        if "contract" in self.fields:
            from contracts.models import Contract

            # 10,000 contracts: typed, not listed (bpo/core/pickers.py)
            as_picker(self, "contract", "contract", Contract.objects.filter(program__in=editable))
        if "owner" in self.fields and self._meta.model is not CorrectiveAction:
            self.fields["owner"].queryset = _staff_users()


class RiskForm(ScopedForm):
    """The vendor is one with a contract in the risk's program, the owner someone who may see the
    program (services.register._check_risk): the lists offer those of the risk's program (on a
    new risk, of the program chosen or sent, else of the programs the user edits)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from .selectors import program_staff, program_vendors

        programs = self.fields["program"].queryset
        sent = self.data.get("program") if self.is_bound else self.initial.get("program")
        sent = getattr(sent, "pk", sent)
        chosen = self.instance.program_id if self.instance.pk else None
        if str(sent or "").isdigit() and programs.filter(pk=sent).exists():
            chosen = int(sent)
        ids = [chosen] if chosen is not None else programs.values("pk")
        vendors, owners = program_vendors(ids), program_staff(ids)
        # The current values stay offered: the services check a vendor or owner only when it changes.
        if self.instance.vendor_id:
            vendors = vendors.model.objects.filter(Q(pk__in=vendors.values("pk")) | Q(pk=self.instance.vendor_id))
        if self.instance.owner_id:
            owners = owners.model.objects.filter(Q(pk__in=owners.values("pk")) | Q(pk=self.instance.owner_id))
        self.fields["vendor"].queryset = vendors.order_by("name")
        self.fields["owner"].queryset = owners.order_by("username")

    class Meta:
        model = Risk
        fields = RISK_FIELDS
        widgets = {
            "cause": forms.Textarea(attrs={"rows": 2}),
            "event": forms.Textarea(attrs={"rows": 2}),
            "effect": forms.Textarea(attrs={"rows": 2}),
            "controls": forms.Textarea(attrs={"rows": 3}),
            "treatment_plan": forms.Textarea(attrs={"rows": 3}),
            "next_review_date": DATE,
        }


class AssessForm(forms.Form):
    inherent_likelihood = forms.TypedChoiceField(label=_("Inherent likelihood (1-5)"), choices=SCALE, coerce=int)
    inherent_impact = forms.TypedChoiceField(label=_("Inherent impact (1-5)"), choices=SCALE, coerce=int)
    residual_likelihood = forms.TypedChoiceField(
        label=_("Residual likelihood (1-5)"), choices=SCALE, coerce=int, help_text=_("After the controls.")
    )
    residual_impact = forms.TypedChoiceField(label=_("Residual impact (1-5)"), choices=SCALE, coerce=int)
    next_review_date = forms.DateField(
        label=_("Next review"), required=False, widget=DATE, help_text=_("Empty: today plus the review frequency.")
    )
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class KriForm(forms.ModelForm):
    """A manual indicator with thresholds, or one linked to a service level of the risk's program."""

    class Meta:
        model = KeyRiskIndicator
        fields = ["name", "unit", "service_level", "direction", "warning_threshold", "limit_threshold"]

    def __init__(self, *args, risk=None, **kwargs):
        super().__init__(*args, **kwargs)
        from contracts.models import ServiceLevel

        self.fields["service_level"].queryset = ServiceLevel.objects.filter(
            contract__program_id=risk.program_id if risk else None
        ).select_related("contract")


class KriReadingForm(forms.Form):
    period = forms.DateField(label=_("Period"), widget=DATE)
    value = forms.DecimalField(label=_("Value"), max_digits=14, decimal_places=4)


class PlanForm(ScopedForm):
    class Meta:
        model = ContingencyPlan
        fields = PLAN_FIELDS
        widgets = {
            f: forms.Textarea(attrs={"rows": 3})
            for f in ("scenario", "triggers", "resources", "communication_tree", "recovery_targets", "exit_plan")
        }


class StepForm(forms.Form):
    who = forms.CharField(label=_("Who"), max_length=200)
    action = forms.CharField(label=_("What"), widget=forms.Textarea(attrs={"rows": 2}))
    within_minutes = forms.IntegerField(
        label=_("Within (minutes)"),
        min_value=0,
        max_value=MINUTES_MAX,
        error_messages={"max_value": MINUTES_MAX_ERROR},
    )


StepFormSet = forms.formset_factory(StepForm, extra=3, can_delete=True)


class DrillForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    scheduled_for = forms.DateField(label=_("Scheduled for"), widget=DATE)
    objectives = forms.CharField(
        label=_("Objectives"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One objective per line."),
    )

    def clean_objectives(self):
        return [line.strip() for line in self.cleaned_data["objectives"].splitlines() if line.strip()]


PARTICIPANT_ERROR = _("Choose people who may see this drill's program.")


class DrillRunForm(forms.Form):
    """The run: date, who took part, a result per objective (fields added per objective), findings."""

    run_on = forms.DateField(label=_("Run on"), widget=DATE)
    participants = forms.ModelMultipleChoiceField(label=_("Participants"), queryset=User.objects.none(), required=False)
    other_participants = forms.CharField(
        label=_("Other participants"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    summary = forms.CharField(label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    findings = forms.CharField(
        label=_("Findings"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One finding per line; each can then become a corrective action."),
    )

    def __init__(self, *args, drill, **kwargs):
        super().__init__(*args, **kwargs)
        from .selectors import program_staff

        # Who may see the drill's program (services.continuity.drill_record_run checks the same);
        # people already recorded stay offered.
        staff = program_staff([drill.plan.program_id])
        self.fields["participants"].queryset = User.objects.filter(
            Q(pk__in=staff.values("pk")) | Q(pk__in=drill.participants.values("pk"))
        ).order_by("username")
        self.fields["participants"].error_messages["invalid_choice"] = PARTICIPANT_ERROR
        self.objectives = list(drill.objectives.all())
        for objective in self.objectives:
            self.fields[f"result_{objective.pk}"] = forms.ChoiceField(
                label=_("Result: %(objective)s") % {"objective": objective.description},
                choices=[("", "—"), *ObjectiveResult.choices],
            )
            self.fields[f"notes_{objective.pk}"] = forms.CharField(
                label=_("Notes: %(objective)s") % {"objective": objective.description}, required=False
            )

    def results(self):
        return {
            o.pk: (self.cleaned_data[f"result_{o.pk}"], self.cleaned_data.get(f"notes_{o.pk}", ""))
            for o in self.objectives
        }

    def finding_lines(self):
        return [line.strip() for line in self.cleaned_data.get("findings", "").splitlines() if line.strip()]


class ActionForm(forms.ModelForm):
    """Owner: any active staff user or a user of a vendor (when the vendor must act)."""

    class Meta:
        model = CorrectiveAction
        fields = ACTION_FIELDS
        widgets = {
            "problem": forms.Textarea(attrs={"rows": 3}),
            "root_cause": forms.Textarea(attrs={"rows": 3}),
            "action_plan": forms.Textarea(attrs={"rows": 3}),
            "due_date": DATE,
        }

    def __init__(self, *args, user=None, program=None, contract=None, **kwargs):
        super().__init__(*args, **kwargs)
        from .selectors import action_owners

        if self.instance.pk and self.instance.title_values:
            # A generated title, in the reader's language; sent back unchanged it stays generated.
            self.initial["title"] = self.instance.display_title
        if self.instance.pk and self.instance.problem_values:
            self.initial["problem"] = self.instance.display_problem

        # The program's staff, and users of the vendor of the action's contract (of the program's
        # vendors without one): no other vendor's people (services.actions._check_owner).
        if self.instance.pk:
            contract = self.instance.contract
        self.fields["owner"].queryset = (
            action_owners(program, contract).select_related("vendor").order_by("vendor__name", "username")
        )
        self.fields["owner"].label_from_instance = lambda u: f"{u} · {u.vendor.name}" if u.vendor_id else str(u)
        # Only a proposal (raised automatically) may still lack its owner.
        self.fields["owner"].required = getattr(self.instance, "status", "") != "proposed"


class FindingActionForm(ActionForm):
    class Meta(ActionForm.Meta):
        fields = ["title", "root_cause", "action_plan", "owner", "due_date"]


class TransitionForm(forms.Form):
    to = forms.ChoiceField(label=_("New status"), choices=ActionStatus.choices)
    # No max_length: the service words the error with the length typed (action_transition).
    verification_notes = forms.CharField(
        label=_("Verification of effectiveness"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": NOTE_MAX_LENGTH}),
    )


class IncidentForm(ProgramZoneFields, ScopedForm):
    """When it occurred and was resolved are typed and shown in the program's time zone
    (bpo/core/zones.py), as sourcing deadlines are, not the server's."""

    zone_fields = ("occurred_at", "resolved_at")

    class Meta:
        model = Incident
        fields = INCIDENT_FIELDS
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "occurred_at": DATETIME,
            "resolved_at": DATETIME,
        }


class EventForm(forms.Form):
    entry = forms.CharField(
        label=_("What happened"), max_length=EVENT_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 2})
    )
    at = forms.DateTimeField(label=_("When"), required=False, widget=DATETIME, help_text=_("Empty: now."))

    def __init__(self, *args, incident=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.zone = zone(incident.program.time_zone if incident is not None else None).key
        if incident is not None:
            where = _("In the program's time zone (%(zone)s).") % {"zone": self.zone}
            self.fields["at"].help_text = f"{where} {_('Empty: now.')}"

    def clean_at(self):
        # Typed in the program's time zone (bpo/core/zones.py), as the incident's times.
        return aware_in_zone(self.cleaned_data.get("at"), self.zone)


class ActivatePlanForm(forms.Form):
    """The plan and when it was activated (empty: now), typed in the program's time zone as the
    incident's times; the service bounds the time."""

    plan = forms.ModelChoiceField(label=_("Contingency plan"), queryset=ContingencyPlan.objects.none())
    at = forms.DateTimeField(label=_("Activated at"), required=False, widget=DATETIME)

    def __init__(self, *args, incident, **kwargs):
        # Its own ids: the timeline's form on the same page has a field named `at` too.
        kwargs.setdefault("auto_id", "activate_%s")
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = ContingencyPlan.objects.filter(program=incident.program)
        self.zone = zone(incident.program.time_zone).key
        where = _("In the program's time zone (%(zone)s).") % {"zone": self.zone}
        self.fields["at"].help_text = f"{where} {_('Empty: now.')}"

    def clean_at(self):
        return aware_in_zone(self.cleaned_data.get("at"), self.zone)


class ReviewForm(forms.Form):
    review_summary = forms.CharField(label=_("What happened and why"), widget=forms.Textarea(attrs={"rows": 3}))
    root_cause = forms.CharField(label=_("Root cause"), widget=forms.Textarea(attrs={"rows": 3}))
    lessons_learned = forms.CharField(label=_("Lessons learned"), widget=forms.Textarea(attrs={"rows": 3}))


class IncidentActionForm(ActionForm):
    pass
