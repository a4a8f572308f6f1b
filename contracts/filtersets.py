import django_filters
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from bpo.core.filters import SearchFilterSet

from .choices import ContractStatus, ContractType
from .models import Contract


def _programs(request):
    from strategy.models import Program

    return Program.objects.visible_to(request.user) if request else Program.objects.none()


def _vendors(request):
    from vendors.models import Vendor

    return Vendor.objects.visible_to(request.user) if request else Vendor.objects.none()


class ContractFilterSet(SearchFilterSet):
    """Used by the contract list page and /api/v1/contracts/ alike."""

    search_fields = ("number", "title", "vendor__name", "vendor__local_name", "program__code", "program__name")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ContractStatus.choices)
    contract_type = django_filters.ChoiceFilter(label=_("Type"), choices=ContractType.choices)
    program = django_filters.ModelChoiceFilter(label=_("Program"), queryset=_programs)
    vendor = django_filters.ModelChoiceFilter(label=_("Vendor"), queryset=_vendors)
    ordering = django_filters.OrderingFilter(
        label=_("Sort by"),
        fields=(
            ("number", "number"),
            ("title", "title"),
            ("status", "status"),
            ("start_date", "start_date"),
            ("end_date", "end_date"),
            ("monthly_fee", "monthly_fee"),
        ),
    )

    class Meta:
        model = Contract
        fields = ["q", "status", "contract_type", "program", "vendor"]

    @property
    def form(self):
        """The page's vendor drop-down offers the vendors of contracts the user can see (and
        the one selected), not the whole registry; validation (and the API) still accept any
        visible vendor."""
        form = super().form
        field = form.fields.get("vendor")
        if field is not None and self.request is not None and not getattr(field, "narrowed", False):
            field.narrowed = True
            queryset, user = field.queryset, self.request.user
            selected = str((self.data or {}).get("vendor") or "")

            def choices():
                has_contract = Exists(Contract.objects.visible_to(user).filter(vendor_id=OuterRef("pk")))
                shown = queryset.filter(has_contract | Q(pk=int(selected) if selected.isdigit() else None))
                return [("", field.empty_label), *((vendor.pk, str(vendor)) for vendor in shown)]

            field.widget.choices = choices
        return form
