"""Forms of the quality pages: programs, standards and contracts limited to what the user may edit."""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bpo.accounts.models import User
from bpo.core.pickers import as_picker
from risk.forms import ActionForm
from risk.querysets import risk_program_ids
from risk.selectors import action_owners, program_staff, program_vendors

from .models import SAMPLE_MAX, SAMPLE_SIZE_ERROR, SAMPLE_SIZE_MAX_ERROR, QualityAudit, QualityReview, QualityStandard

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _staff():
    return User.objects.filter(is_active=True, vendor__isnull=True).order_by("username")


class _Scoped(forms.ModelForm):
    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        from contracts.models import Contract
        from strategy.models import Program

        editable = risk_program_ids(user)
        if "program" in self.fields:
            self.fields["program"].queryset = Program.objects.filter(pk__in=editable)
        if "contract" in self.fields:
            as_picker(self, "contract", "contract", Contract.objects.filter(program__in=editable))
        if "standard" in self.fields:
            self.fields["standard"].queryset = QualityStandard.objects.filter(
                program__in=editable, is_active=True
            ).order_by("process")
        if "auditor" in self.fields:
            # Staff who may see the audit's program (services._check_auditor refuses anyone else);
            # on a new audit, of a program the user edits. The current auditor stays offered.
            program_ids = [self.instance.standard.program_id] if self.instance.standard_id else editable
            eligible = Q(pk__in=program_staff(program_ids).values("pk"))
            if self.instance.auditor_id:
                eligible |= Q(pk=self.instance.auditor_id)
            self.fields["auditor"].queryset = _staff().filter(eligible)
        if "reviewer" in self.fields:
            # Staff who may see the review's program (services._check_reviewer refuses anyone
            # else); on a new review, of a program the user edits. The current reviewer stays offered.
            program_ids = [self.instance.program_id] if self.instance.program_id else editable
            eligible = Q(pk__in=program_staff(program_ids).values("pk"))
            if self.instance.reviewer_id:
                eligible |= Q(pk=self.instance.reviewer_id)
            self.fields["reviewer"].queryset = User.objects.filter(eligible).order_by("username")


class StandardForm(_Scoped):
    class Meta:
        model = QualityStandard
        fields = [
            "program",
            "process",
            "metric",
            "target",
            "direction",
            "unit",
            "acceptance_level",
            "description",
            "is_active",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:  # a standard stays in its program
            self.fields.pop("program")


class AuditForm(_Scoped):
    # One message for any size under 1 (the model field's own said "at least 0" for -5, "at least 1" for 0).
    sample_size = forms.IntegerField(
        label=_("Sample size"),
        min_value=1,
        max_value=SAMPLE_MAX,
        error_messages={"min_value": SAMPLE_SIZE_ERROR, "max_value": SAMPLE_SIZE_MAX_ERROR},
    )

    class Meta:
        model = QualityAudit
        fields = [
            "standard",
            "contract",
            "period_start",
            "period_end",
            "audited_on",
            "auditor",
            "sample_size",
            "defects",
            "findings",
        ]
        widgets = {
            "period_start": DATE,
            "period_end": DATE,
            "audited_on": DATE,
            "findings": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "defects": _("The defect rate and the result are computed; a failed audit proposes a corrective action.")
        }


class ReviewForm(_Scoped):
    class Meta:
        model = QualityReview
        fields = [
            "program",
            "contract",
            "title",
            "period_start",
            "period_end",
            "held_on",
            "reviewer",
            "rating",
            "summary",
            "findings",
        ]
        widgets = {
            "period_start": DATE,
            "period_end": DATE,
            "held_on": DATE,
            "summary": forms.Textarea(attrs={"rows": 3}),
            "findings": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contract"].required = False
        if self.instance.pk:
            self.fields.pop("program")


class ComplaintActionForm(ActionForm):
    """A corrective action raised from a complaint: the program (and optionally the contract) it concerns."""

    program = forms.ModelChoiceField(label=_("Program"), queryset=None)
    contract = forms.ModelChoiceField(label=_("Contract"), queryset=None, required=False)

    field_order = ["program", "contract", "title", "problem", "root_cause", "action_plan", "owner", "due_date"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        from contracts.models import Contract
        from strategy.models import Program

        editable = risk_program_ids(user)
        self.fields["program"].queryset = Program.objects.filter(pk__in=editable)
        self.fields["contract"].queryset = Contract.objects.filter(program__in=editable).select_related("vendor")
        # Those who may own an action of the chosen program (risk.selectors.action_owners: its staff,
        # users of the chosen contract's vendor); before a program is chosen, of one of the
        # programs the user edits. clean() checks the owner against the chosen program.
        program, contract = self._chosen("program"), self._chosen("contract")
        if program is not None:
            owners = action_owners(program, contract)
        else:
            ids = self.fields["program"].queryset.values("pk")
            owners = User.objects.filter(is_active=True).filter(
                Q(pk__in=program_staff(ids).values("pk")) | Q(vendor__isnull=False, vendor_id__in=program_vendors(ids))
            )
        self.fields["owner"].queryset = (
            User.objects.filter(pk__in=owners.values("pk"))
            .select_related("vendor")
            .order_by("vendor__name", "username")
        )
        self.fields["owner"].required = True

    def _chosen(self, name):
        """The program or contract the form was sent (or opened) with, when it is one of the choices."""
        value = self.data.get(self.add_prefix(name)) if self.is_bound else self.initial.get(name)
        if value in (None, ""):
            return None
        try:
            return self.fields[name].queryset.filter(pk=getattr(value, "pk", value)).first()
        except (TypeError, ValueError, ValidationError):
            return None

    def clean(self):
        data = super().clean()
        contract, program, owner = data.get("contract"), data.get("program"), data.get("owner")
        if contract and program and contract.program_id != program.pk:
            self.add_error("contract", _("Choose a contract of this program."))
        elif program and owner and not action_owners(program, contract).filter(pk=owner.pk).exists():
            self.add_error("owner", _("Choose a member of this program's staff or a user of its vendor."))
        return data
