"""Forms of the scorecard pages (staff review actions, resolving a dispute, the vendor's dispute).

Each is shown again, bound, when refused: the error next to its field and what was typed kept."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from delivery.invoicing import DISPUTE_REASON_MAX_LENGTH, dispute_reason_too_long

SCORE_ERROR = _("A score is a number from 0 to 100.")
SCORE_MESSAGES = {
    "invalid": SCORE_ERROR,
    "min_value": SCORE_ERROR,
    "max_value": SCORE_ERROR,
    "max_digits": SCORE_ERROR,
    "max_decimal_places": _("A score has at most 2 decimals."),
    "max_whole_digits": SCORE_ERROR,
}
LINE_MESSAGES = {
    "invalid_choice": _("Choose one of this scorecard's criteria."),
    "required": _("Choose one of this scorecard's criteria."),
}


def score_field(label, required=False):
    """0-100 with 2 decimals; NaN and Infinity are not numbers here (DecimalField refuses them)."""
    return forms.DecimalField(
        label=label,
        required=required,
        min_value=0,
        max_value=100,
        max_digits=5,
        decimal_places=2,
        error_messages=SCORE_MESSAGES,
        widget=forms.NumberInput(attrs={"min": "0", "max": "100", "step": "0.01"}),
    )


def _limited(field_name, form):
    value = (form.cleaned_data.get(field_name) or "").strip()
    if len(value) > DISPUTE_REASON_MAX_LENGTH:
        raise forms.ValidationError(dispute_reason_too_long(len(value)))
    return value


class _LimitedText(forms.CharField):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        # No max_length: the form's clean_ method words the error with the length typed.
        self.widget.attrs["maxlength"] = DISPUTE_REASON_MAX_LENGTH


class ScoreLineForm(forms.Form):
    """The manager scores one hand-scored criterion (empty: missing)."""

    line = forms.ModelChoiceField(queryset=None, widget=forms.HiddenInput, error_messages=LINE_MESSAGES)
    score = score_field(_("Score (0-100)"))
    note = forms.CharField(label=_("Internal note"), required=False)

    def __init__(self, *args, scorecard, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["line"].queryset = scorecard.lines.all()


class ReviewersForm(forms.Form):
    reviewers = forms.ModelMultipleChoiceField(label=_("Staff reviewers"), queryset=None, required=False)

    def __init__(self, *args, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reviewers"].queryset = staff


class RateForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("Rating (1-5)"),
        choices=[(n, str(n)) for n in range(1, 6)],
        coerce=int,
        error_messages={"invalid_choice": _("Rate from 1 to 5."), "required": _("Rate from 1 to 5.")},
    )
    comment = forms.CharField(label=_("Comment (internal)"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ResolveForm(forms.Form):
    """Accept with a corrected score, or reject with a reason: only these two decisions."""

    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("accept", _("Accept")), ("reject", _("Reject"))],
        error_messages={
            "invalid_choice": _("Choose accept or reject."),
            "required": _("Choose accept or reject."),
        },
    )
    corrected_score = score_field(_("Corrected score"))
    resolution = _LimitedText(label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def clean_resolution(self):
        return _limited("resolution", self)


class DisputeForm(forms.Form):
    """The vendor disputes one criterion of a published scorecard, with a reason."""

    line = forms.ModelChoiceField(queryset=None, widget=forms.HiddenInput, error_messages=LINE_MESSAGES)
    reason = _LimitedText(
        label=_("Reason"),
        error_messages={"required": _("Say why you dispute this score.")},
    )

    def __init__(self, *args, scorecard, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["line"].queryset = scorecard.lines.all()
        self.fields["reason"].help_text = _("At most %(max)s characters.") % {"max": DISPUTE_REASON_MAX_LENGTH}

    def clean_reason(self):
        return _limited("reason", self)


def staff_of(card):
    """The staff who may be named reviewers: active members of the card's program who read it
    (not an evaluator membership alone, which reads none of its records)."""
    from bpo.accounts.choices import PROGRAM_READING_ROLES

    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            vendor__isnull=True,
            memberships__program_id=card.contract.program_id,
            memberships__role__in=PROGRAM_READING_ROLES,
        )
        .distinct()
    )
