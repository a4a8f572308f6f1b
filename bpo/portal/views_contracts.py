"""The vendor's contracts in the portal: terms, service levels and obligations (never internal
notes), and raising change requests and disputes. Another vendor's contract answers 404."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from contracts import services, terms_display
from contracts.choices import ContractStatus
from contracts.forms import ChangeRequestForm, DisputeForm
from contracts.models import Contract, Obligation

from .exports import portal_export
from .status_filter import filter_by_status
from .views import _vendor_user, portal_login_required

CONTRACT_COLUMNS = [
    (_("Number"), "number"),
    (_("Title"), "title"),
    (_("Program"), "program.name"),
    (_("Status"), "status"),
    (_("Start date"), "start_date"),
    (_("End date"), "end_date"),
]


def _contract(request, pk):
    user = _vendor_user(request)
    return get_object_or_404(Contract.objects.visible_to(user).select_related("program", "vendor"), pk=pk)


@portal_login_required
def contract_list(request):
    user = _vendor_user(request)
    contracts = Contract.objects.visible_to(user).select_related("program").order_by("number")
    contracts, status_filter = filter_by_status(request, contracts, ContractStatus)
    if export := portal_export(request, "contracts", contracts, CONTRACT_COLUMNS, sheet=_("Our contracts")):
        return export
    return render(
        request, "portal/contracts/contract_list.html", {"contracts": contracts, "status_filter": status_filter}
    )


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
            "documents": services.documents_for(contract, request.user),
            "pending_version": (pending := services.pending_amendment(contract)),
            "pending_terms": terms_display.pending_rows(pending),
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
    if request.method != "POST" and (refusal := services.change_request_refusal(contract)):
        # No form for a request that would be refused (the page's link is not shown either).
        messages.error(request, refusal)
        return redirect("portal:contract_detail", pk=contract.pk)
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


@portal_login_required
def document_download(request, pk):
    """A document version of the vendor's contract that is shared with the vendor (404 otherwise)."""
    from contracts.views import document_response

    return document_response(_vendor_user(request), pk)


@portal_login_required
@require_POST
def obligation_evidence(request, pk):
    """The vendor records the evidence of one of its obligations and marks it done."""
    user = _vendor_user(request)
    obligation = get_object_or_404(Obligation.objects.visible_to(user), pk=pk)
    try:
        obligation = services.obligation_record_evidence(
            obligation=obligation, by=user, evidence=request.POST.get("evidence", "")
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    except PermissionDenied:
        messages.error(request, _("Only the vendor's own obligations are recorded here."))
    else:
        messages.success(request, _("Evidence recorded."))
        if note := services.last_occurrence_done(obligation):
            messages.info(request, note)
    return redirect("portal:contract_detail", pk=obligation.contract_id)
