"""Staff pages of cost: the invoices (finance validates, approves, disputes) and a program's budget."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from bpo.core.access import StaffRequiredMixin, get_program_part_or_404, get_visible_or_404
from bpo.core.filters import MonthFormField
from bpo.core.lists import FilteredListView
from bpo.core.scoping import MONEY
from performance.insight.charts import budget_charts
from strategy.choices import BudgetCategory
from strategy.models import Program

from . import budget, invoicing
from .filtersets import InvoiceFilterSet
from .models import CostEntry, Invoice
from .querysets import is_finance
from .tables import INVOICE_COLUMNS


class InvoiceListView(StaffRequiredMixin, FilteredListView):
    """The invoices the user may see: finance all, program staff their programs'."""

    model = Invoice
    filterset_class = InvoiceFilterSet
    columns = INVOICE_COLUMNS
    template_name = "delivery/invoice_list.html"
    fragment_template = "delivery/_invoice_table.html"
    export_name = "invoices"
    paginate_by = 50

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("contract").order_by("-period", "-pk")

    def get_context_data(self, **kwargs):
        return super().get_context_data(title=_("Invoices"), **kwargs)


def _staff(request):
    if request.user.is_vendor_user:
        raise PermissionDenied
    return request.user


class DisputeForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the dispute"),
        error_messages={"required": _("Say why the invoice is disputed.")},
        widget=forms.Textarea(attrs={"rows": 2, "id": "dispute-reason"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["reason"]
        field.widget.attrs["maxlength"] = invoicing.DISPUTE_REASON_MAX_LENGTH
        field.help_text = gettext("At most %(max)s characters.") % {"max": invoicing.DISPUTE_REASON_MAX_LENGTH}

    def clean_reason(self):
        reason = self.cleaned_data["reason"]
        if len(reason) > invoicing.DISPUTE_REASON_MAX_LENGTH:
            raise forms.ValidationError(invoicing.dispute_reason_too_long(len(reason)))
        return reason


def _detail(request, user, invoice, dispute_form=None):
    return render(
        request,
        "delivery/invoice_detail.html",
        {
            "invoice": invoice,
            "lines": invoice.lines.select_related("rate_card_line"),
            "deductions": invoice.deductions.select_related("credit__service_level", "credit__period"),
            "can_decide": is_finance(user),
            "same_month": invoicing.same_month_invoices(invoice).visible_to(user),
            "dispute_form": dispute_form or DisputeForm(),
        },
    )


@login_required
def invoice_detail(request, pk):
    """Lines, credit deductions and the net amount; finance acts on it here."""
    user = _staff(request)
    return _detail(request, user, get_visible_or_404(Invoice, user, pk=pk))


ACTIONS = {
    "validate": (invoicing.invoice_validate, _("Invoice validated.")),
    "approve": (invoicing.invoice_approve, _("Invoice approved.")),
    "dispute": (invoicing.invoice_dispute, _("Invoice disputed.")),
}


@login_required
@require_POST
def invoice_action(request, pk, action):
    user = _staff(request)
    invoice = get_visible_or_404(Invoice, user, pk=pk)
    if action not in ACTIONS:
        raise PermissionDenied
    service, done = ACTIONS[action]
    kwargs, form = {}, None
    if action == "dispute":
        # The reason's errors show next to it with the typed text (the page again, not a redirect).
        form = DisputeForm(request.POST)
        if not form.is_valid():
            return _detail(request, user, invoice, dispute_form=form)
        kwargs = {"reason": form.cleaned_data["reason"]}
    try:
        service(invoice=invoice, by=user, **kwargs)
    except ValidationError as exc:
        if form is not None and "reason" in getattr(exc, "error_dict", {}):
            form.add_error("reason", exc.error_dict["reason"])
            return _detail(request, user, invoice, dispute_form=form)
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, done)
    return redirect(invoice)


class CostEntryForm(forms.Form):
    category = forms.ChoiceField(label=_("Category"), choices=BudgetCategory.choices)
    # YYYY-MM or its first day, as every month field and filter (bpo.core.filters.MonthFormField).
    period = MonthFormField(label=_("Month"), help_text=_("For example 2026-01."))
    amount = forms.DecimalField(label=_("Amount"), max_digits=16, decimal_places=2, min_value=0)
    description = forms.CharField(label=_("Description"), max_length=250)


@login_required
def program_budget(request, pk):
    """Planned vs actual (+ committed) per budget line, with the forecast at completion."""
    user = _staff(request)
    program = get_program_part_or_404(user, pk, MONEY)
    can_enter = Program.objects.editable_by(user).filter(pk=program.pk).exists()
    form = CostEntryForm()
    if request.method == "POST":
        if not can_enter:
            raise PermissionDenied
        form = CostEntryForm(request.POST)
        if form.is_valid():
            try:
                budget.cost_entry_create(program=program, by=user, **form.cleaned_data)
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    for error in errors:
                        form.add_error(field if field in form.fields else None, error)
            else:
                messages.success(request, _("Cost entry recorded."))
                return redirect("delivery:program_budget", pk=program.pk)
    rows = budget.program_budget(program)
    # One query for the monthly burn chart and the note on invoices in other currencies (not counted).
    invoiced = budget.invoiced_by_month(program) if rows else []
    unbudgeted = budget.unbudgeted(program)
    return render(
        request,
        "delivery/program_budget.html",
        {
            "program": program,
            "rows": rows,
            "unbudgeted": unbudgeted,
            "charts": budget_charts(program, rows, invoiced, unbudgeted),
            "other_currencies": budget.other_currencies_note(budget.other_currencies_of(program, invoiced)),
            "entries": CostEntry.objects.filter(program=program).select_related("created_by")[:20],
            "form": form,
            "can_enter": can_enter,
        },
    )
