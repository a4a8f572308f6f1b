"""The request form: which report, about what (only what the user sees), which months, which format."""

from django import forms
from django.utils.translation import gettext_lazy as _

from bpo.core.pickers import as_picker
from contracts.models import Contract
from delivery.invoicing import parse_period
from strategy.models import Program
from vendors.models import Vendor

from .choices import REQUESTABLE, Frequency, ReportFormat


class MonthField(forms.CharField):
    """A month as 2026-10 (the browser's month input), cleaned to its first day."""

    widget = forms.TextInput(attrs={"type": "month", "placeholder": "2026-10"})

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        month = parse_period(value)
        if month is None:
            raise forms.ValidationError(_("Enter the month as 2026-10."))
        return month


class ReportForm(forms.Form):
    kind = forms.ChoiceField(label=_("Report"), choices=REQUESTABLE)
    program = forms.ModelChoiceField(label=_("Program"), queryset=Program.objects.none(), required=False)
    contract = forms.ModelChoiceField(label=_("Contract"), queryset=Contract.objects.none(), required=False)
    vendor = forms.ModelChoiceField(label=_("Vendor"), queryset=Vendor.objects.none(), required=False)
    period_start = MonthField(
        label=_("From month"),
        required=False,
        help_text=_("Finance, vendor performance and SLA results: the months covered."),
    )
    period_end = MonthField(label=_("Until month"), required=False)
    fmt = forms.ChoiceField(
        label=_("Format"),
        choices=ReportFormat.choices,
        initial=ReportFormat.PDF,
        help_text=_("Finance and the contract register: PDF or XLSX. SLA results: XLSX or CSV. The others: PDF."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["program"].queryset = Program.objects.visible_to(user).order_by("code")
        as_picker(self, "contract", "contract", Contract.objects.visible_to(user))
        as_picker(self, "vendor", "vendor", Vendor.objects.visible_to(user))


class ScheduleForm(forms.Form):
    kind = forms.ChoiceField(label=_("Report"), choices=REQUESTABLE)
    frequency = forms.ChoiceField(label=_("Frequency"), choices=Frequency.choices)
    program = forms.ModelChoiceField(label=_("Program"), queryset=Program.objects.none(), required=False)
    contract = forms.ModelChoiceField(label=_("Contract"), queryset=Contract.objects.none(), required=False)
    vendor = forms.ModelChoiceField(label=_("Vendor"), queryset=Vendor.objects.none(), required=False)
    fmt = forms.ChoiceField(label=_("Format"), choices=ReportFormat.choices, initial=ReportFormat.PDF)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["program"].queryset = Program.objects.visible_to(user).order_by("code")
        as_picker(self, "contract", "contract", Contract.objects.visible_to(user))
        as_picker(self, "vendor", "vendor", Vendor.objects.visible_to(user))
