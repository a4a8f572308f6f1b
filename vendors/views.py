from django.utils.translation import gettext_lazy as _

from bpo.core.access import StaffRequiredMixin
from bpo.core.lists import FilteredListView
from bpo.core.records import RecordDetailView, RecordFormView

from .filtersets import VendorFilterSet
from .forms import VendorForm
from .models import Vendor
from .services import vendor_can_create, vendor_create, vendor_update
from .tables import VENDOR_COLUMNS


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
        context["portal_users"] = context["object"].users.order_by("username")
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
