from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bpo.accounts.choices import ProgramRole
from delivery.invoicing import DISPUTE_REASON_MAX_LENGTH

from .choices import ApprovalStatus
from .models import Program


class ProgramForm(forms.ModelForm):
    class Meta:
        model = Program
        fields = [
            "code",
            "name",
            "description",
            "business_unit",
            "sponsor",
            "owner",
            "strategic_alignment",
            "phase",
            "start_date",
            "end_date",
            "currency",
            "time_zone",
            "baseline_cost",
            "target_savings_pct",
        ]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 3}),
            "strategic_alignment": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            # A new program starts in the first phase (strategy); the phase is not chosen.
            del self.fields["phase"]
        else:
            # After creation the phase moves only through the gates on the program page.
            self.fields["phase"].disabled = True
            self.fields["phase"].help_text = _("Pass the phase gate on the program page to move on.")
            # The sponsor approves the charter: the program's managers are not offered (the service
            # refuses them too); a sponsor already set stays selectable so the form still saves.
            managers = self.instance.memberships.filter(role=ProgramRole.MANAGER).values("user_id")
            sponsor = self.fields["sponsor"]
            sponsor.queryset = sponsor.queryset.exclude(Q(pk__in=managers) & ~Q(pk=self.instance.sponsor_id or 0))
            if self.instance.status != ApprovalStatus.DRAFT:
                # What the charter's revision keeps is shown, not offered for change, until a new
                # revision (the service refuses a change too).
                from .services.charter import SNAPSHOT_PROGRAM_FIELDS, charter_closed_message

                for name in SNAPSHOT_PROGRAM_FIELDS:
                    if name in self.fields:
                        self.fields[name].disabled = True
                        self.fields[name].help_text = charter_closed_message(self.instance)


class CharterItemForm(forms.ModelForm):
    """One form class per charter kind, built by `charter_form_for(kind)`."""


def charter_form_for(kind):
    from .services import CHARTER_KINDS

    model, fields = CHARTER_KINDS[kind]
    date_fields = [f for f in fields if model._meta.get_field(f).get_internal_type() == "DateField"]
    widgets = {f: forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d") for f in date_fields}
    meta = type("Meta", (), {"model": model, "fields": list(fields), "widgets": widgets})
    return type(f"{model.__name__}Form", (CharterItemForm,), {"Meta": meta})


class GatePassForm(forms.Form):
    override_reason = forms.CharField(
        label=_("Override reason"),
        required=False,
        # No max_length: the service words the error with the length typed (gate_pass).
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": DISPUTE_REASON_MAX_LENGTH}),
        help_text=_("Needed only when the checklist is not met; it is recorded with the gate."),
    )


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("What needs to change"),
        # No max_length: the service words the error with the length typed (program_return).
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": DISPUTE_REASON_MAX_LENGTH}),
    )
