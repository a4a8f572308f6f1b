"""Forms of the plan, the transition checklist and the status reports (staff pages and portal)."""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bpo.core.filters import MonthFormField
from bpo.core.records import add_service_errors  # noqa: F401 (re-exported for the views that import it here)

from .choices_plan import TransitionCategory
from .models import Task, TransitionItem, WorkPackage
from .plan_services import COMMENT_MAX_LENGTH, POSITION_MAX, comment_too_long


def _date(label, required=False):
    return forms.DateField(
        label=label, required=required, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )


def _user_label(user):
    name = user.get_full_name() or user.username
    return f"{name} · {user.vendor.name}" if user.vendor_id else name


class TaskForm(forms.Form):
    """The whole task (program managers). Owners: active staff, or users of the program's vendors."""

    work_package = forms.ModelChoiceField(label=_("Work package"), queryset=WorkPackage.objects.none())
    name = forms.CharField(label=_("Name"), max_length=200)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    contract = forms.ModelChoiceField(label=_("Contract"), required=False, queryset=None)
    owner = forms.ModelChoiceField(label=_("Owner"), required=False, queryset=None)
    vendor = forms.ModelChoiceField(
        label=_("Vendor"),
        required=False,
        queryset=None,
        help_text=_("Assign the task to a vendor as a whole; a vendor owner sets it."),
    )
    baseline_start = _date(_("Baseline start"), required=True)
    baseline_finish = _date(_("Baseline finish"), required=True)
    actual_start = _date(_("Actual start"))
    actual_finish = _date(_("Actual finish"))
    percent_complete = forms.IntegerField(label=_("Percent complete"), min_value=0, max_value=100, initial=0)
    depends_on = forms.ModelMultipleChoiceField(
        label=_("Depends on"),
        required=False,
        queryset=Task.objects.none(),
        help_text=_("Finish-to-start: this task starts after these finish."),
    )

    def __init__(self, *args, program, task=None, **kwargs):
        from contracts.models import Contract
        from vendors.models import Vendor

        if task is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                **{f: getattr(task, f) for f in self.base_fields if f != "depends_on"},
                "depends_on": list(task.depends_on.values_list("pk", flat=True)),
            }
        super().__init__(*args, **kwargs)
        contracts = Contract.objects.filter(program=program)
        vendor_ids = contracts.values("vendor_id")
        self.fields["work_package"].queryset = WorkPackage.objects.filter(program=program)
        self.fields["contract"].queryset = contracts.order_by("number")
        self.fields["vendor"].queryset = Vendor.objects.filter(pk__in=vendor_ids).order_by("name")
        # Staff who may see the program (risk.selectors.program_staff: an evaluator membership
        # alone reads none of it), as plan_services refuses anyone else.
        from risk.selectors import program_staff

        members = Q(pk__in=program_staff([program.pk]).values("pk"))
        eligible = Q(is_active=True) & (members | Q(vendor__in=vendor_ids))
        if task is not None and task.owner_id:
            # The current owner stays offered (even if no longer eligible). One filter, not
            # `distinct() | filter()`: Django refuses to combine a distinct query with another.
            eligible |= Q(pk=task.owner_id)
        owners = get_user_model().objects.filter(eligible).select_related("vendor").distinct()
        self.fields["owner"].queryset = owners.order_by("vendor__name", "first_name", "username")
        self.fields["owner"].label_from_instance = _user_label
        deps = Task.objects.filter(program=program).order_by("baseline_start", "pk")
        self.fields["depends_on"].queryset = deps.exclude(pk=task.pk) if task else deps


class ProgressForm(forms.Form):
    """What a vendor (or the staff owner) records: actual dates, percent complete, a comment."""

    actual_start = _date(_("Actual start"))
    actual_finish = _date(_("Actual finish"))
    percent_complete = forms.IntegerField(label=_("Percent complete"), min_value=0, max_value=100)
    # No max_length: the error words the length typed (the service checks it too).
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": COMMENT_MAX_LENGTH}),
    )

    def clean_comment(self):
        comment = (self.cleaned_data.get("comment") or "").strip()
        if len(comment) > COMMENT_MAX_LENGTH:
            raise forms.ValidationError(comment_too_long(len(comment)))
        return comment


class WorkPackageForm(forms.ModelForm):
    """Adds (plan page) or changes (its edit page) a work package; the service saves it."""

    name = forms.CharField(label=_("Work package"), max_length=200)
    position = forms.IntegerField(label=_("Position"), min_value=0, max_value=POSITION_MAX, initial=0, required=False)

    class Meta:
        model = WorkPackage
        fields = ["name", "position"]

    def clean_position(self):
        return self.cleaned_data["position"] or 0


class TransitionItemForm(forms.ModelForm):
    """Adds (transition page) or changes (its edit page) a checklist item; the service saves it."""

    category = forms.ChoiceField(label=_("Category"), choices=TransitionCategory.choices)
    title = forms.CharField(label=_("Item"), max_length=200)
    mandatory = forms.BooleanField(label=_("Mandatory"), required=False, initial=True)
    due_date = _date(_("Due date"))

    class Meta:
        model = TransitionItem
        fields = ["category", "title", "mandatory", "due_date"]


class EvidenceForm(forms.Form):
    evidence = forms.CharField(label=_("Evidence"), widget=forms.Textarea(attrs={"rows": 2}))


class PeriodForm(forms.Form):
    # YYYY-MM or its first day, as the API takes it (bpo.core.filters.MonthFormField).
    period = MonthFormField(label=_("Month"), help_text=_("For example 2026-03."))


class MonthOfContractSelect(forms.Select):
    """The contract drop-down: each option carries its contract's suggested month (`data-value`),
    which app.js copies into the month field (`data-fills`) when the contract changes."""

    def __init__(self, months: dict, attrs=None):
        super().__init__(attrs={"data-fills": "id_period", **(attrs or {})})
        self.months = months

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        month = self.months.get(str(value))
        option["attrs"] = {"data-value": month or "", **option["attrs"]}
        return option


class ContractPeriodForm(PeriodForm):
    """The portal's "Report on a month": one of the vendor's reportable contracts, and the month.
    A missing or unknown contract is an error next to the field (it was a 404)."""

    field_order = ["contract", "period"]

    def __init__(self, *args, contracts, months: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contract"] = forms.ModelChoiceField(
            label=_("Contract"),
            queryset=contracts,
            empty_label=None,
            widget=MonthOfContractSelect(months),
            help_text=_("The month offered is the contract's first month without a report."),
        )
        self.order_fields(self.field_order)


class NarrativeForm(forms.Form):
    narrative = forms.CharField(label=_("Narrative"), required=False, widget=forms.Textarea(attrs={"rows": 6}))
