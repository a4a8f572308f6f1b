"""The request form: which report, about what (only what the user sees), which months, which format."""

import json

from django import forms
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from bpo.core.filters import MonthFormField
from bpo.core.pickers import as_picker
from contracts.models import Contract
from strategy.models import Program
from vendors.models import Vendor

from .choices import REQUESTABLE, Frequency, ReportFormat, formats_of


class MonthField(MonthFormField):
    """A month as 2026-10 (the browser's month input) or its first day, cleaned to its first day."""


class FormatFollowsKind:
    """The format field offers only the chosen kind's formats, its default preselected (SLA results:
    XLSX or CSV, never PDF). When the user picks another kind, htmx asks the request page for the
    format field again (`reports/_field.html`); without JavaScript the server refuses a format the
    kind lacks, next to the format field."""

    htmx_form = ""  # sent back with the htmx request, so the page answers with this form's field

    def follow_kind(self):
        requestable = dict(REQUESTABLE)
        if self.is_bound:
            kind = self.data.get(self.add_prefix("kind"))
        else:
            kind = self.initial.get("kind")
            kind = kind if kind in requestable else REQUESTABLE[0][0]  # what the select shows
        if kind in requestable:  # an unknown kind is refused on its own: the formats stay all
            formats = formats_of(kind)
            fmt = self.fields["fmt"]
            fmt.choices = [(value, ReportFormat(value).label) for value in formats]
            fmt.error_messages["invalid_choice"] = gettext(
                "Not available for this report, which is prepared as %(formats)s."
            ) % {"formats": " / ".join(ReportFormat(value).label for value in formats)}
            if not self.is_bound and self.initial.get("fmt") not in formats:
                self.initial["fmt"] = formats[0]
        attrs = {
            "hx-get": reverse("reports:new"),
            "hx-trigger": "change",
            "hx-target": f"#field-{self.add_prefix('fmt')}",
            "hx-swap": "outerHTML",
            "hx-include": f"#{self['fmt'].auto_id}",
        }
        if self.htmx_form:
            attrs["hx-vals"] = json.dumps({"form": self.htmx_form})
        self.fields["kind"].widget.attrs.update(attrs)


class ReportForm(FormatFollowsKind, forms.Form):
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
        self.follow_kind()


class ScheduleForm(FormatFollowsKind, forms.Form):
    htmx_form = "schedule"

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
        self.follow_kind()
