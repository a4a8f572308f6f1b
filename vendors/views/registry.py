"""The vendor registry: list, profile (contacts, certifications, documents), and change requests."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views import View

from bpo.core.access import StaffRequiredMixin, get_editable_or_403, get_visible_or_404
from bpo.core.lists import FilteredListView
from bpo.core.records import RecordDetailView, RecordFormView

from ..choices import ChangeRequestStatus
from ..files import file_response
from ..filtersets import VendorFilterSet
from ..forms import DecisionForm, VendorForm, vendor_item_form_for
from ..models import Vendor, VendorChangeRequest
from ..services import (
    VENDOR_KINDS,
    change_request_decide,
    vendor_can_create,
    vendor_create,
    vendor_item_create,
    vendor_item_delete,
    vendor_update,
)
from ..tables import VENDOR_COLUMNS
from .common import add_service_errors


class VendorListView(StaffRequiredMixin, FilteredListView):
    model = Vendor
    filterset_class = VendorFilterSet
    columns = VENDOR_COLUMNS
    title = _("Vendor registry")
    export_name = "vendors"
    create_url_name = "vendors:vendor_create"

    def can_create(self):
        return vendor_can_create(self.request.user)


class VendorDetailView(RecordDetailView):
    model = Vendor
    template_name = "vendors/vendor_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        vendor = context["object"]
        context["portal_users"] = vendor.users.order_by("username")
        context["contacts"] = vendor.contacts.all()
        context["certifications"] = vendor.certifications.all()
        context["documents"] = vendor.documents.all()
        context["change_requests"] = vendor.change_requests.filter(status=ChangeRequestStatus.PENDING)
        context["today"] = timezone.localdate()
        return context


class VendorFormView(RecordFormView):
    model = Vendor
    form_class = VendorForm

    def can_create(self):
        return vendor_can_create(self.request.user)

    def get_title(self):
        return _("Edit %(name)s") % {"name": self.object} if self.object else _("New vendor")

    def save(self, form):
        if self.object is None:
            return vendor_create(by=self.request.user, **form.cleaned_data)
        return vendor_update(vendor=self.object, by=self.request.user, **form.cleaned_data)


def _vendor_kind(kind):
    if kind not in VENDOR_KINDS:
        raise Http404
    return VENDOR_KINDS[kind][0]


class VendorItemCreateView(RecordFormView):
    """Adds a contact, certification or document (with its file) to a vendor."""

    template_name = "vendors/upload_form.html"

    def dispatch(self, request, *args, **kwargs):
        self.model = _vendor_kind(kwargs["kind"])
        self.form_class = vendor_item_form_for(kwargs["kind"])
        return super().dispatch(request, *args, **kwargs)

    def get_object(self):
        self.vendor = get_editable_or_403(Vendor, self.request.user, pk=self.kwargs["vendor_pk"])
        return None

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.model(vendor=self.vendor)
        return kwargs

    def get_title(self):
        return _("New %(kind)s for %(vendor)s") % {"kind": self.model._meta.verbose_name, "vendor": self.vendor}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object"] = self.vendor
        return context

    def save(self, form):
        return vendor_item_create(
            vendor=self.vendor, kind=self.kwargs["kind"], by=self.request.user, **form.cleaned_data
        )


class VendorItemDeleteView(LoginRequiredMixin, StaffRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request, kind, pk):
        item = get_editable_or_403(_vendor_kind(kind), request.user, pk=pk)
        vendor_item_delete(item=item, by=request.user)
        messages.success(request, _("Removed."))
        return redirect(item.vendor.get_absolute_url())


class VendorItemFileView(LoginRequiredMixin, StaffRequiredMixin, View):
    """Downloads a certification's or document's file, after the access check."""

    def get(self, request, kind, pk):
        if kind not in ("certification", "document"):
            raise Http404
        item = get_visible_or_404(_vendor_kind(kind), request.user, pk=pk)
        return file_response(item.file)


class ChangeRequestListView(LoginRequiredMixin, StaffRequiredMixin, View):
    def get(self, request):
        pending = (
            VendorChangeRequest.objects.visible_to(request.user)
            .filter(status=ChangeRequestStatus.PENDING)
            .select_related("vendor", "requested_by")
        )
        return render(request, "vendors/change_request_list.html", {"requests": pending})


class ChangeRequestDetailView(LoginRequiredMixin, StaffRequiredMixin, View):
    """The proposed change next to the current profile; registry keepers approve or reject it."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.object = get_visible_or_404(VendorChangeRequest, request.user, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, pk):
        return self.render(DecisionForm())

    def post(self, request, pk):
        form = DecisionForm(request.POST)
        if form.is_valid():
            try:
                change_request_decide(
                    request=self.object,
                    by=request.user,
                    approve=request.POST.get("decision") == "approve",
                    note=form.cleaned_data["note"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Decision recorded."))
                return redirect(self.object.vendor.get_absolute_url())
        return self.render(form)

    def render(self, form):
        vendor = self.object.vendor
        rows = [
            {"field": Vendor._meta.get_field(f).verbose_name, "old": getattr(vendor, f), "new": v}
            for f, v in self.object.changes.items()
        ]
        can_decide = (
            self.object.status == ChangeRequestStatus.PENDING
            and Vendor.objects.editable_by(self.request.user).filter(pk=vendor.pk).exists()
        )
        return render(
            self.request,
            "vendors/change_request_detail.html",
            {"object": self.object, "rows": rows, "form": form, "can_decide": can_decide},
        )
