"""Forms of the improvement pages: programs and contracts limited to what the user may change."""

from django import forms
from django.utils.translation import gettext_lazy as _

from bpo.accounts.models import User
from risk.querysets import risk_program_ids

from .models import ImprovementInitiative, Lesson

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class _Scoped(forms.ModelForm):
    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        from contracts.models import Contract
        from strategy.models import Program

        editable = risk_program_ids(user)
        self.fields["program"].queryset = Program.objects.filter(pk__in=editable).order_by("code")
        if "contract" in self.fields:
            self.fields["contract"].queryset = (
                Contract.objects.filter(program__in=editable).select_related("vendor").order_by("number")
            )
            self.fields["contract"].label_from_instance = lambda c: f"{c.number} · {c.vendor.name}"
        if "owner" in self.fields:
            self.fields["owner"].queryset = User.objects.filter(is_active=True, vendor__isnull=True).order_by(
                "username"
            )


class InitiativeForm(_Scoped):
    class Meta:
        model = ImprovementInitiative
        fields = ["program", "contract", "title", "description", "owner", "expected_benefit", "benefit_unit"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["program"].disabled = True  # an initiative stays in its program
            self.fields["program"].queryset = type(self.instance.program).objects.filter(pk=self.instance.program_id)
            if self.instance.status != "idea":  # the promise is fixed once approved: benefit and unit
                self.fields["expected_benefit"].disabled = True
                self.fields["benefit_unit"].disabled = True


class LessonForm(_Scoped):
    class Meta:
        model = Lesson
        fields = ["title", "body", "phase", "category", "tags", "program", "source"]
        widgets = {"body": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["program"].required = False
        if self.instance.pk and self.instance.program_id:
            # keep the lesson's own program selectable even if the editor does not work on it
            from strategy.models import Program

            self.fields["program"].queryset = Program.objects.filter(
                pk__in=list(self.fields["program"].queryset.values_list("pk", flat=True)) + [self.instance.program_id]
            ).order_by("code")


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Give the reason for rejecting.")},
    )


class ImplementForm(forms.Form):
    implemented_on = forms.DateField(label=_("Implemented on"), required=False, widget=DATE)


class MeasureForm(forms.Form):
    realized_benefit = forms.DecimalField(
        label=_("Realized benefit"),
        max_digits=16,
        decimal_places=2,
        min_value=0,
        error_messages={
            "required": _("Enter the realized benefit."),
            "min_value": _("The realized benefit cannot be negative."),
        },
    )
    measured_on = forms.DateField(label=_("Measured on"), required=False, widget=DATE)
    note = forms.CharField(
        label=_("How the benefit was measured"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say how the benefit was measured.")},
    )
