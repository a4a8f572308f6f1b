"""The vendor's contracts in the portal: terms, service levels and obligations (never internal
notes), and raising change requests and disputes. Another vendor's contract answers 404."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _

from contracts import services
from contracts.forms import ChangeRequestForm, DisputeForm
from contracts.models import Contract

from .views import _vendor_user, portal_login_required


def _contract(request, pk):
    user = _vendor_user(request)
    return get_object_or_404(Contract.objects.visible_to(user).select_related("program", "vendor"), pk=pk)


@portal_login_required
def contract_list(request):
    user = _vendor_user(request)
    contracts = Contract.objects.visible_to(user).select_related("program").order_by("number")
    return render(request, "portal/contracts/contract_list.html", {"contracts": contracts})


@portal_login_required
def contract_detail(request, pk):
    contract = _contract(request, pk)
    return render(
        request,
        "portal/contracts/contract_detail.html",
        {
            "contract": contract,
            "service_levels": contract.service_levels.filter(active=True),
            "obligations": contract.obligations.select_related("owner"),
            "rates": contract.rates.all(),
            "changes": contract.change_requests.all()[:20],
            "disputes": contract.disputes.all()[:20],
        },
    )


def _form_page(request, contract, form_class, create, title, done):
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            create(contract=contract, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, errors in exc.error_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, exc)
        else:
            messages.success(request, done)
            return redirect("portal:contract_detail", pk=contract.pk)
    return render(request, "portal/contracts/form.html", {"form": form, "contract": contract, "title": title})


@portal_login_required
def change_create(request, pk):
    contract = _contract(request, pk)
    return _form_page(
        request,
        contract,
        ChangeRequestForm,
        services.change_request_create,
        _("Request a change"),
        _("Change request sent."),
    )


@portal_login_required
def dispute_create(request, pk):
    contract = _contract(request, pk)
    return _form_page(request, contract, DisputeForm, services.dispute_open, _("Raise a dispute"), _("Dispute raised."))
