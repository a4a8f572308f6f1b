"""Staff pages of measurements: a contract's samples (with exclusions) and the CSV template."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from bpo.core.access import StaffRequiredMixin, get_editable_or_403
from bpo.core.lists import FilteredListView
from bpo.core.scoping import CONTENT
from contracts.models import Contract

from . import services
from .filtersets import SampleFilterSet
from .models import MeasurementBatch, MeasurementImport, Sample
from .tables import SAMPLE_COLUMNS, measurement_rows


class MeasurementListView(StaffRequiredMixin, FilteredListView):
    """The samples of one contract, with search, filters, export and (for its staff) exclusions."""

    model = Sample
    filterset_class = SampleFilterSet
    columns = SAMPLE_COLUMNS
    template_name = "delivery/measurement_list.html"
    fragment_template = "delivery/_measurement_table.html"
    export_name = "measurements"
    paginate_by = 50

    def get(self, request, *args, **kwargs):
        # Measurements are the program's content: finance and legal read them only as members.
        self.contract = get_object_or_404(Contract.objects.visible_to(request.user, CONTENT), pk=kwargs["pk"])
        return super().get(request, *args, **kwargs)

    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .filter(service_level__contract=self.contract)
            .select_related("service_level")
            .order_by("-measured_at", "-pk")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        can_exclude = Contract.objects.operable_by(self.request.user).filter(pk=self.contract.pk).exists()
        context.update(
            title=_("Measurements of %(number)s") % {"number": self.contract.number},
            contract=self.contract,
            can_exclude=can_exclude,
            sample_rows=measurement_rows(
                context["page"].object_list,
                can_exclude=can_exclude,
                tz=self.contract.program.time_zone,
                next_url=self.request.get_full_path(),
                csrf_token=get_token(self.request),
            ),
            batches=MeasurementBatch.objects.filter(contract=self.contract).select_related("submitted_by")[:10],
            imports=MeasurementImport.objects.filter(contract=self.contract)
            .defer("errors")
            .select_related("batch", "submitted_by")[:10],
        )
        return context


@login_required
@require_POST
def sample_exclusion(request, pk):
    """Flags a sample as an approved exclusion (with a reason), or clears the flag."""
    if request.user.is_vendor_user:
        raise PermissionDenied
    sample = get_editable_or_403(Sample, request.user, pk=pk)
    excluded = request.POST.get("excluded") == "1"
    try:
        services.sample_set_exclusion(
            sample=sample, by=request.user, excluded=excluded, reason=request.POST.get("reason", "")
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Exclusion recorded.") if excluded else _("Exclusion cleared."))
    nxt = request.POST.get("next", "")
    if nxt.startswith("/") and not nxt.startswith("//"):
        return redirect(nxt)
    return redirect("delivery:measurement_list", pk=sample.service_level.contract_id)


def csv_template_response(contract):
    response = HttpResponse("\ufeff" + services.csv_template(contract), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="measurements-{contract.number}.csv"'
    return response


@login_required
def csv_template(request, pk):
    if request.user.is_vendor_user:
        raise PermissionDenied
    return csv_template_response(get_object_or_404(Contract.objects.visible_to(request.user, CONTENT), pk=pk))
