"""The vendor sends measurements in the portal: a CSV upload (with its template) or one sample
typed in a form. Both go through delivery.services, like the API."""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _

from contracts.choices import MEASURED
from contracts.models import Contract
from delivery import services
from delivery.choices import BatchSource
from delivery.models import MeasurementBatch, Sample
from delivery.views import csv_template_response

from .views import _vendor_user, portal_login_required


class UploadForm(forms.Form):
    file = forms.FileField(label=_("CSV file"), help_text=_("Columns: service_level, measured_at, value, reference."))


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


def _measured_contracts(user):
    return Contract.objects.visible_to(user).filter(status__in=MEASURED).order_by("number")


@portal_login_required
def measurements(request):
    user = _vendor_user(request)
    return render(request, "portal/delivery/measurements.html", {"contracts": _measured_contracts(user)})


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
                    services.samples_submit(
                        contract=contract, by=user, rows=[(1, sample_form.cleaned_data)], source=BatchSource.PORTAL_FORM
                    )
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
            "recent": recent,
        },
    )


@portal_login_required
def measurement_template(request, pk):
    user = _vendor_user(request)
    return csv_template_response(get_object_or_404(_measured_contracts(user), pk=pk))
