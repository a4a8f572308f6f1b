"""The vendor sends measurements in the portal: a CSV upload (with its template) or one sample
typed in a form. Both go through delivery.services, like the API; a large file becomes a
background import (delivery.imports, pages in views_delivery_imports.py). It submits its invoices
and reads them (lines, credits deducted, net amount) through delivery.invoicing."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from bpo.core.filters import MonthFormField
from bpo.core.uploads import validate_csv
from contracts.choices import MEASURED
from contracts.models import Contract
from delivery import imports, invoicing, services
from delivery.choices import INVOICE_OPEN, BatchSource, InvoiceStatus
from delivery.models import Invoice, MeasurementBatch, MeasurementImport, Sample
from delivery.views import csv_template_response

from .exports import portal_export
from .status_filter import filter_by_status
from .views import _vendor_user, portal_login_required

MEASURED_CONTRACT_COLUMNS = [(_("Number"), "number"), (_("Title"), "title"), (_("Program"), "program.name")]
INVOICE_COLUMNS = [
    (_("Invoice"), "number"),
    (_("Contract"), "contract.number"),
    (_("Period"), lambda i: i.period.strftime("%Y-%m") if i.period else None),
    (_("Status"), "status"),
    (_("Charges"), "gross_amount"),
    (_("Net amount"), "net_amount"),
    (_("Currency"), "contract.currency"),
]
# The invoices finance has still to approve (submitted or validated): the home's "waiting" tile.
INVOICE_STATUS_GROUPS = {"open": (_("Waiting for approval"), INVOICE_OPEN)}


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_("Columns: service_level, measured_at, value, reference."),
        validators=[validate_csv],  # UTF-8 text without markup, within the size limit
    )


class SampleForm(forms.Form):
    service_level = forms.ChoiceField(label=_("Service level"))
    measured_at = forms.CharField(
        label=_("Measured at"), help_text=_("For example 2026-01-31 14:05, in the program's time zone.")
    )
    value = forms.CharField(label=_("Value"))
    reference = forms.CharField(label=_("Reference"), required=False, max_length=100)

    def __init__(self, *args, contract, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service_level"].choices = [
            (sl.code, f"{sl.code} · {sl.name}") for sl in contract.service_levels.filter(active=True).order_by("code")
        ]


def _form_errors(form, exc):
    """A refused sample, told next to the form's fields (a problem of the whole sample, such as a
    contract not signed yet, at the top of the form): the one typed sample is no file of lines."""
    for error in exc.rows:
        for field, reason in error.fields or (("", error.reason),):
            typed = (form.data.get(field) or "").strip()
            # "The value cannot be negative", but "soon is not a date and time" as it was typed
            text = reason if typed and reason.startswith(typed) else capfirst(reason)
            form.add_error(field if field in form.fields else None, text)


def _measured_contracts(user):
    return Contract.objects.visible_to(user).filter(status__in=MEASURED).order_by("number")


@portal_login_required
def measurements(request):
    user = _vendor_user(request)
    contracts = _measured_contracts(user).select_related("program")
    if export := portal_export(
        request, "measured-contracts", contracts, MEASURED_CONTRACT_COLUMNS, sheet=_("Measurements")
    ):
        return export
    return render(request, "portal/delivery/measurements.html", {"contracts": contracts})


@portal_login_required
def measurement_contract(request, pk):
    """Upload a CSV or enter one sample; every bad row comes back with its line and reason."""
    user = _vendor_user(request)
    contract = get_object_or_404(_measured_contracts(user).select_related("program"), pk=pk)
    upload_form, sample_form, row_errors = UploadForm(), SampleForm(contract=contract), []
    if request.method == "POST":
        try:
            if request.POST.get("step") == "upload":
                upload_form = UploadForm(request.POST, request.FILES)
                if upload_form.is_valid() and imports.runs_in_background(upload_form.cleaned_data["file"]):
                    record = imports.measurement_import_start(
                        contract=contract, by=user, upload=upload_form.cleaned_data["file"], language=get_language()
                    )
                    messages.success(request, _("File received. It is being checked and saved; this page follows it."))
                    return redirect("portal:measurement_import", pk=record.pk)
                if upload_form.is_valid():
                    batch = services.samples_import_csv(
                        contract=contract, by=user, upload=upload_form.cleaned_data["file"]
                    )
                    messages.success(
                        request,
                        _("%(rows)s rows received, %(new)s new samples.")
                        % {"rows": batch.row_count, "new": batch.new_count},
                    )
                    return redirect("portal:measurement_contract", pk=contract.pk)
            else:
                sample_form = SampleForm(request.POST, contract=contract)
                if sample_form.is_valid():
                    try:
                        services.samples_submit(
                            contract=contract,
                            by=user,
                            rows=[(1, sample_form.cleaned_data)],
                            source=BatchSource.PORTAL_FORM,
                        )
                    except services.IntakeError as exc:
                        _form_errors(sample_form, exc)
                    else:
                        messages.success(request, _("Sample saved."))
                        return redirect("portal:measurement_contract", pk=contract.pk)
        except services.IntakeError as exc:
            row_errors = exc.rows
    recent = (
        Sample.objects.visible_to(user).filter(service_level__contract=contract).select_related("service_level")[:20]
    )
    return render(
        request,
        "portal/delivery/measurement_contract.html",
        {
            "contract": contract,
            "upload_form": upload_form,
            "sample_form": sample_form,
            "row_errors": row_errors,
            "batches": MeasurementBatch.objects.visible_to(user).filter(contract=contract)[:10],
            "imports": MeasurementImport.objects.visible_to(user)
            .filter(contract=contract)
            .defer("errors")
            .select_related("batch")[:5],
            "async_rows": imports.async_threshold(),
            "recent": recent,
        },
    )


@portal_login_required
def measurement_template(request, pk):
    user = _vendor_user(request)
    return csv_template_response(get_object_or_404(_measured_contracts(user), pk=pk))


# --- Invoices ----------------------------------------------------------------------------


class InvoiceForm(forms.Form):
    number = forms.CharField(label=_("Invoice number"), max_length=60)
    period = MonthFormField(label=_("Month"), help_text=_("The month invoiced, for example 2026-01."))
    include_monthly_fee = forms.BooleanField(label=_("Add the contract's monthly fee"), required=False)


class InvoiceLineForm(forms.Form):
    rate_card_line = forms.ChoiceField(label=_("Rate card item"), required=False)
    quantity = forms.DecimalField(label=_("Quantity"), required=False, max_digits=14, decimal_places=4, min_value=0)

    def __init__(self, *args, contract, **kwargs):
        super().__init__(*args, **kwargs)
        self.contract = contract
        self.rates = {str(r.pk): r for r in contract.rates.all()}
        self.fields["rate_card_line"].choices = [("", "---------")] + [
            (pk, f"{r.item} / {r.unit} · {r.rate:.2f}") for pk, r in self.rates.items()
        ]

    def clean(self):
        cleaned = super().clean()
        rate_line, quantity = self.rates.get(cleaned.get("rate_card_line") or ""), cleaned.get("quantity")
        if rate_line is not None and quantity is not None:
            amount = invoicing.cents(rate_line.rate * quantity)
            if too_large := invoicing.line_amount_too_large(amount, self.contract.currency):
                self.add_error("quantity", too_large)
        return cleaned


InvoiceLineFormSet = forms.formset_factory(InvoiceLineForm, extra=5, max_num=50)


@portal_login_required
def invoices(request):
    """The vendor's own invoices (of a status, `?status=`), and the contracts it may invoice."""
    user = _vendor_user(request)
    rows = Invoice.objects.visible_to(user).select_related("contract")
    rows, status_filter = filter_by_status(request, rows, InvoiceStatus, INVOICE_STATUS_GROUPS)
    if export := portal_export(request, "invoices", rows, INVOICE_COLUMNS, sheet=_("Invoices")):
        return export
    return render(
        request,
        "portal/delivery/invoices.html",
        {
            "invoices": rows,
            "status_filter": status_filter,
            "contracts": invoicing.invoiceable_contracts(user).order_by("number"),
        },
    )


@portal_login_required
def invoice_create(request, pk):
    """Submit an invoice: lines by rate card item and quantity; amounts are computed, never typed."""
    user = _vendor_user(request)
    contract = get_object_or_404(invoicing.invoiceable_contracts(user), pk=pk)
    form = InvoiceForm(request.POST or None)
    lines = InvoiceLineFormSet(request.POST or None, form_kwargs={"contract": contract}, prefix="lines")
    line_errors = []
    if request.method == "POST" and form.is_valid() and lines.is_valid():
        rows = [
            {"rate_card_line": f.cleaned_data["rate_card_line"], "quantity": f.cleaned_data["quantity"]}
            for f in lines.forms
            if f.cleaned_data.get("rate_card_line") or f.cleaned_data.get("quantity") is not None
        ]
        try:
            invoice = invoicing.invoice_submit(contract=contract, by=user, lines=rows, **form.cleaned_data)
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                if field == "lines":
                    line_errors = errors
                else:
                    for error in errors:
                        form.add_error(field if field in form.fields else None, error)
        else:
            messages.success(request, _("Invoice %(number)s submitted.") % {"number": invoice.number})
            return redirect("portal:invoice_detail", pk=invoice.pk)
    return render(
        request,
        "portal/delivery/invoice_form.html",
        {"contract": contract, "form": form, "lines": lines, "line_errors": line_errors},
    )


@portal_login_required
def invoice_detail(request, pk):
    user = _vendor_user(request)
    invoice = get_object_or_404(Invoice.objects.visible_to(user).select_related("contract"), pk=pk)
    return render(
        request,
        "portal/delivery/invoice_detail.html",
        {
            "invoice": invoice,
            "lines": invoice.lines.all(),
            "deductions": invoice.deductions.select_related("credit__service_level", "credit__period"),
        },
    )
