from django import forms
from django.utils.translation import gettext_lazy as _

from bpo.accounts.models import User
from bpo.core.zones import ProgramZoneFields
from strategy.models import Program

from .choices import DiligenceKind, EventStatus
from .models import SourcingEvent, Vendor
from .models.sourcing import ANSWER_MAX, PROPOSAL_ANSWERS_MAX, QUESTION_MAX
from .services import CHANGEABLE_AFTER_PUBLISHING, CHANGEABLE_BY_VENDOR, EVENT_KINDS, FIXED_ONCE_PUBLISHED, VENDOR_KINDS

# Free texts of the sourcing and evaluation forms (findings, notes): bounded, as the requirement
# notes (300), so a pasted book is refused next to the field. The award rationale: 2,000, AwardForm.
RATIONALE_MAX = 5000
NOTE_MAX = 2000

DATE = {"type": "date"}
DATETIME = {"type": "datetime-local"}


class VendorForm(forms.ModelForm):
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")

    class Meta:
        model = Vendor
        fields = [
            "name",
            "local_name",
            "registration_number",
            "country",
            "website",
            "capabilities",
            "tier",
            "status",
        ]
        widgets = {"capabilities": forms.Textarea(attrs={"rows": 3})}


class ProfileChangeForm(forms.ModelForm):
    """What a vendor admin may propose about their own profile (staff approve it)."""

    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")

    class Meta:
        model = Vendor
        fields = list(CHANGEABLE_BY_VENDOR)
        widgets = {"capabilities": forms.Textarea(attrs={"rows": 3})}

    def validate_unique(self):
        pass  # the service checks the proposed values against the registry


def _date_widgets(model, fields):
    widgets = {}
    for f in fields:
        kind = model._meta.get_field(f).get_internal_type()
        if kind == "DateField":
            widgets[f] = forms.DateInput(attrs=DATE, format="%Y-%m-%d")
        elif kind == "DateTimeField":
            widgets[f] = forms.DateTimeInput(attrs=DATETIME, format="%Y-%m-%dT%H:%M")
    return widgets


def vendor_item_form_for(kind):
    model, fields = VENDOR_KINDS[kind]
    meta = type("Meta", (), {"model": model, "fields": list(fields), "widgets": _date_widgets(model, fields)})
    return type(f"{model.__name__}Form", (forms.ModelForm,), {"Meta": meta})


class SourcingEventForm(ProgramZoneFields, forms.ModelForm):
    """The deadlines are typed and shown in the program's time zone (bpo/core/zones.py), not the
    server's: 23:35 for a Shanghai program is 23:35 in Shanghai."""

    zone_fields = ("questions_deadline", "submission_deadline")

    class Meta:
        model = SourcingEvent
        fields = ["program", "kind", "title", "scope", "questions_deadline", "submission_deadline"]
        widgets = {
            "scope": forms.Textarea(attrs={"rows": 4}),
            **_date_widgets(SourcingEvent, ["questions_deadline", "submission_deadline"]),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["program"].queryset = Program.objects.editable_by(user)
        if self.instance.pk:
            self.fields["program"].disabled = True
        # Once published, the title and kind are shown, not offered (the invited vendors were told
        # them). Unlike a Django-disabled field, a post that changes one anyway is refused next to
        # it, keeping what was typed; a post without it (browsers leave disabled inputs out)
        # keeps the event's value.
        self.fixed_fields = []
        if self.instance.pk and self.instance.status != EventStatus.DRAFT:
            self.fixed_fields = [
                name for name in self.fields if name != "program" and name not in CHANGEABLE_AFTER_PUBLISHING
            ]
        for name in self.fixed_fields:
            field = self.fields[name]
            field.widget.attrs["disabled"] = True
            field.help_text = _("Fixed once the event is published: the invited vendors were sent it.")
            if self.is_bound and self.add_prefix(name) not in self.data:
                self.data = self.data.copy()
                self.data[self.add_prefix(name)] = getattr(self.instance, name)

    def clean(self):
        cleaned = super().clean()
        for name in self.fixed_fields:
            if name in cleaned and cleaned[name] != getattr(self.instance, name):
                self.add_error(name, FIXED_ONCE_PUBLISHED)
        return cleaned


def event_item_form_for(kind, event):
    model, fields = EVENT_KINDS[kind]
    meta = type("Meta", (), {"model": model, "fields": list(fields), "widgets": _date_widgets(model, fields)})

    def init(self, *args, **kwargs):
        forms.ModelForm.__init__(self, *args, **kwargs)
        if kind == "invitation":
            self.fields["vendor"].queryset = Vendor.objects.exclude(invitations__event=event).exclude(
                status__in=["suspended", "exited"]
            )
        if kind == "evaluator":
            self.fields["user"].queryset = User.objects.filter(
                memberships__program=event.program, is_active=True
            ).exclude(pk__in=event.evaluators.values("user"))

    def validate_unique(self):
        pass  # the event is set by the service; it checks uniqueness through the constraint

    return type(
        f"{model.__name__}Form",
        (forms.ModelForm,),
        {"Meta": meta, "__init__": init, "validate_unique": validate_unique},
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Answer (sent to every invited vendor)"),
        max_length=ANSWER_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class QuestionForm(forms.Form):
    text = forms.CharField(label=_("Your question"), max_length=QUESTION_MAX, widget=forms.Textarea(attrs={"rows": 3}))


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


class ProposalForm(forms.Form):
    price = forms.DecimalField(label=_("Total price"), min_value=0.01, max_digits=16, decimal_places=2)
    price_breakdown = forms.CharField(
        label=_("Price breakdown"),
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One line per item: “item: amount”. The lines must add up to the total price."),
    )
    answers = forms.CharField(
        label=_("Answers"),
        required=False,
        max_length=PROPOSAL_ANSWERS_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Your answers to the requirements and criteria."),
    )
    attachments = MultipleFileField(label=_("Attachments"), required=False)


class RequirementCheckForm(forms.Form):
    requirement = forms.IntegerField(widget=forms.HiddenInput)
    passed = forms.TypedChoiceField(
        label=_("Result"), choices=[("1", _("Pass")), ("0", _("Fail"))], coerce=lambda v: v == "1"
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=300)


class DiligenceForm(forms.Form):
    proposal = forms.ModelChoiceField(label=_("Vendor"), queryset=None)
    kind = forms.ChoiceField(label=_("Kind"), choices=DiligenceKind.choices)
    performed_on = forms.DateField(label=_("Performed on"), widget=forms.DateInput(attrs=DATE))
    findings = forms.CharField(label=_("Findings"), max_length=RATIONALE_MAX, widget=forms.Textarea(attrs={"rows": 4}))
    score = forms.DecimalField(label=_("Score (0-10)"), min_value=0, max_value=10, decimal_places=1)
    kpis = forms.CharField(
        label=_("Pilot KPIs"),
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For a pilot run, one line per KPI: “name; target; actual; higher” (or “lower” is better)."),
    )

    def __init__(self, *args, proposals=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proposal"].queryset = proposals
        self.fields["proposal"].label_from_instance = lambda p: str(p.vendor)

    def clean_kpis(self):
        from bpo.core.numbers import not_a_number, typed_decimal

        out = []
        for number, line in enumerate(self.cleaned_data["kpis"].splitlines(), start=1):
            if not line.strip():
                continue
            parts = [p.strip() for p in line.split(";")]
            direction = parts[3].lower() if len(parts) > 3 else "higher"
            if len(parts) < 3 or not parts[0] or direction not in ("higher", "lower"):
                raise forms.ValidationError(
                    _("Line %(n)s: write “name; target; actual; higher” or “… lower”.") % {"n": number}
                )
            # Target and actual as the other free-text intakes read numbers (bpo.core.numbers):
            # plain digits, not 1e5, １００, 9_9 or a decimal comma, each refused with why.
            values = [typed_decimal(parts[1]), typed_decimal(parts[2])]
            for text, value in zip(parts[1:3], values, strict=True):
                if value is None:
                    raise forms.ValidationError(
                        _("Line %(n)s: %(reasons)s") % {"n": number, "reasons": not_a_number(text)}
                    )
            target, actual = values
            out.append(
                {"name": parts[0], "target": target, "actual": actual, "higher_is_better": direction == "higher"}
            )
        return out


class AwardForm(forms.Form):
    proposal = forms.ModelChoiceField(label=_("Chosen vendor"), queryset=None)
    # At most 2,000 characters, as every recorded reason: the service (award_propose) refuses a
    # longer one next to the field with the project's message, for the page and any other caller.
    # No maxlength attribute: a browser cuts a pasted text short without a word; the page keeps it.
    rationale = forms.CharField(label=_("Rationale"), widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, proposals=None, **kwargs):
        from delivery.invoicing import DISPUTE_REASON_MAX_LENGTH

        super().__init__(*args, **kwargs)
        self.fields["rationale"].help_text = _("At most %(max)s characters.") % {"max": DISPUTE_REASON_MAX_LENGTH}
        self.fields["proposal"].queryset = proposals
        self.fields["proposal"].label_from_instance = lambda p: str(p.vendor)


class DecisionForm(forms.Form):
    note = forms.CharField(
        label=_("Note"), required=False, max_length=NOTE_MAX, widget=forms.Textarea(attrs={"rows": 2})
    )
