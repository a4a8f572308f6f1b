import json

from django import forms
from django.utils.translation import gettext_lazy as _

from bpo.core.pickers import as_picker
from bpo.core.uploads import validate_document
from delivery.invoicing import dispute_reason_too_long

from .choices import ContractType, ReviewKind, ReviewOutcome
from .models import ChangeRequest, Contract, Dispute, Obligation, RateCardLine, ServiceLevel
from .services.change_terms import amendable_list
from .services.contracts import REVIEW_COMMENTS_MAX_LENGTH, interpolate

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ContractForm(forms.ModelForm):
    class Meta:
        model = Contract
        fields = [
            "program",
            "vendor",
            "number",
            "title",
            "contract_type",
            "parent",
            "start_date",
            "end_date",
            "auto_renewal",
            "renewal_term_months",
            "notice_period_days",
            "currency",
            "value",
            "monthly_fee",
            "at_risk_pct",
            "credit_pool_limit_pct",
            "grace_days",
            "payment_terms",
            "penalty_clauses",
            "internal_notes",
        ]
        widgets = {
            "start_date": DATE,
            "end_date": DATE,
            "payment_terms": forms.Textarea(attrs={"rows": 3}),
            "penalty_clauses": forms.Textarea(attrs={"rows": 3}),
            "internal_notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        from strategy.models import Program

        self.fields["program"].queryset = Program.objects.editable_by(user)
        as_picker(self, "vendor", "vendor")  # the registry holds thousands of vendors
        self.fields["parent"].queryset = Contract.objects.editable_by(user).filter(contract_type=ContractType.MSA)
        self.fields["currency"].required = False
        self.fields["currency"].help_text = _("Leave empty to use the program's currency.")
        self.fields["renewal_term_months"].required = False

    def clean_renewal_term_months(self):
        """Empty keeps the current term (12 months for a new contract). 0 is refused by the model's
        1..120 validators, next to the field: it was read as empty and saved as 12."""
        months = self.cleaned_data.get("renewal_term_months")
        if months is None:
            return self.instance.renewal_term_months or 12
        return months


class ServiceLevelForm(forms.ModelForm):
    class Meta:
        model = ServiceLevel
        fields = [
            "code",
            "name",
            "kind",
            "measure",
            "threshold",
            "percentile",
            "direction",
            "expected",
            "minimum",
            "unit",
            "period",
            "allocation_pct",
            "earn_back_periods",
            "min_samples",
            "active",
        ]

    def __init__(self, *args, contract=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.contract = contract
        if contract is not None:
            self.instance.contract = contract


class ObligationForm(forms.ModelForm):
    class Meta:
        model = Obligation
        fields = ["party", "category", "title", "description", "due_date", "recurrence", "owner", "evidence", "status"]
        widgets = {
            "due_date": DATE,
            "description": forms.Textarea(attrs={"rows": 3}),
            "evidence": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, contract=None, **kwargs):
        super().__init__(*args, **kwargs)
        from django.db.models import Q

        from bpo.accounts.models import User

        if contract is not None:
            from bpo.core.scoping import CONTRACTS
            from risk.selectors import program_staff

            # Staff who may see the contract's program (not an evaluator membership alone; the
            # service refuses anyone else) or the vendor's users.
            members = Q(pk__in=program_staff([contract.program_id], CONTRACTS).values("pk"))
            self.fields["owner"].queryset = User.objects.filter(
                members | Q(vendor=contract.vendor_id), is_active=True
            ).distinct()


class RateCardLineForm(forms.ModelForm):
    class Meta:
        model = RateCardLine
        fields = ["item", "unit", "rate"]


class ReviewForm(forms.Form):
    """A review decision. `kind` and `round` say which review the page was opened for, so a
    decision sent from a page left open while the review moved on is told apart (not recorded)."""

    outcome = forms.ChoiceField(label=_("Decision"), choices=ReviewOutcome.choices, widget=forms.RadioSelect)
    # No max_length: the error words the length typed, as other reasons' (contract_record_review
    # checks it too); the browser stops at the same count.
    comments = forms.CharField(
        label=_("Comments"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": REVIEW_COMMENTS_MAX_LENGTH}),
    )
    kind = forms.ChoiceField(choices=ReviewKind.choices, required=False, widget=forms.HiddenInput)
    round = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        comments = (data.get("comments") or "").strip()
        if data.get("outcome") == ReviewOutcome.REJECTED and not comments:
            self.add_error("comments", _("Give the reasons for the rejection."))
        elif len(comments) > REVIEW_COMMENTS_MAX_LENGTH:
            self.add_error("comments", dispute_reason_too_long(len(comments)))
        return data


class ProposedTermsField(forms.CharField):
    """Proposed terms, one `field: value` per line (e.g. `monthly_fee: 110000`)."""

    def to_python(self, value):
        value = super().to_python(value) or ""
        value = value.strip()
        if not value:
            return {}
        if value.startswith("{"):
            try:
                data = json.loads(value)
            except ValueError as exc:
                raise forms.ValidationError(_("Write one 'field: value' per line.")) from exc
            return data
        data = {}
        for line in value.splitlines():
            if not line.strip():
                continue
            if ":" not in line:
                raise forms.ValidationError(_("Write one 'field: value' per line."))
            key, _sep, val = line.partition(":")
            if key.strip() in data:  # two values for one term: the last one silently won
                raise forms.ValidationError(
                    _("%(field)s is given twice: give each term once.") % {"field": key.strip()}
                )
            data[key.strip()] = val.strip()
        return data


class ChangeRequestForm(forms.ModelForm):
    proposed_terms = ProposedTermsField(
        label=_("Proposed terms"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=interpolate(
            _(
                "One per line, for example 'monthly_fee: 110000' or 'end_date: 2028-12-31'. "
                "Terms that can be amended: %(terms)s."
            ),
            {"terms": amendable_list()},
        ),
    )

    class Meta:
        model = ChangeRequest
        fields = ["title", "description", "proposed_terms", "effective_date"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4}), "effective_date": DATE}


class ChangeAssessForm(forms.ModelForm):
    """The impact assessment, on the change request's page beside the decision form: its ids are
    its own (both forms have an effective date)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "id_assess_%s")
        super().__init__(*args, **kwargs)

    class Meta:
        model = ChangeRequest
        fields = ["cost_impact", "schedule_impact_days", "scope_impact", "effective_date"]
        widgets = {"scope_impact": forms.Textarea(attrs={"rows": 2}), "effective_date": DATE}


class DecisionForm(forms.Form):
    approve = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("1", _("Approve")), ("0", _("Reject"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    effective_date = forms.DateField(
        label=_("Effective date"),
        required=False,
        widget=DATE,
        help_text=_(
            "When approved, the amended terms apply from this day (today: at once; a later day: on that day). "
            "Empty: today in the program's time zone, or the contract's start if it has not started."
        ),
    )
    comments = forms.CharField(
        label=_("Comments"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": REVIEW_COMMENTS_MAX_LENGTH}),
    )

    def clean_comments(self):
        comments = self.cleaned_data["comments"]
        if len(comments.strip()) > REVIEW_COMMENTS_MAX_LENGTH:  # next to the field, what was typed kept
            raise forms.ValidationError(dispute_reason_too_long(len(comments.strip())))
        return comments

    def __init__(self, *args, change=None, **kwargs):
        kwargs.setdefault("auto_id", "id_decide_%s")  # beside the assessment form on the same page
        super().__init__(*args, **kwargs)
        if change is not None and not self.is_bound:
            from bpo.core.zones import today_in

            from .services.change_terms import parsed_or_empty
            from .services.changes import default_effective_date

            contract = change.contract
            parsed = parsed_or_empty(change.proposed_terms)
            self.initial["effective_date"] = change.effective_date or default_effective_date(
                contract, parsed, today_in(contract.program.time_zone)
            )


class DisputeForm(forms.ModelForm):
    class Meta:
        model = Dispute
        fields = ["title", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}


class ResolveForm(forms.Form):
    resolution = forms.CharField(
        label=_("Resolution"), widget=forms.Textarea(attrs={"rows": 3, "maxlength": REVIEW_COMMENTS_MAX_LENGTH})
    )

    def clean_resolution(self):
        resolution = self.cleaned_data["resolution"]
        if len(resolution.strip()) > REVIEW_COMMENTS_MAX_LENGTH:  # next to the field, what was typed kept
            raise forms.ValidationError(dispute_reason_too_long(len(resolution.strip())))
        return resolution


class DocumentForm(forms.Form):
    title = forms.CharField(
        label=_("Title"), max_length=200, help_text=_("Upload with the same title to add a new version.")
    )
    file = forms.FileField(label=_("File"), validators=[validate_document])
    note = forms.CharField(label=_("Note"), max_length=300, required=False)
    shared_with_vendor = forms.BooleanField(label=_("Shared with the vendor"), required=False, initial=True)
