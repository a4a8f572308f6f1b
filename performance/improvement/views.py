"""Staff pages of continuous improvement: initiatives (list, detail with the workflow's steps, forms)
and lessons learned (a searchable list, detail, forms). Vendor users have no door here."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from bpo.core.access import StaffRequiredMixin, get_visible_or_404
from bpo.core.lists import Column, FilteredListView, money, percent
from bpo.core.records import RecordDetailView, RecordFormView, add_service_errors

from . import services
from .filtersets import InitiativeFilterSet, LessonFilterSet
from .forms import ImplementForm, InitiativeForm, LessonForm, MeasureForm, RejectForm
from .models import ImprovementInitiative, Lesson

INITIATIVE_COLUMNS = (
    Column("title", _("Title"), order="title", link=True),
    Column("program.code", _("Program")),
    Column("status", _("Status"), order="status"),
    Column("owner", _("Owner")),
    Column("expected_benefit", _("Expected benefit"), order="expected", fmt=money),
    Column("realized_benefit", _("Realized benefit"), fmt=money),
    Column("benefit_unit", _("Unit")),
    Column("realization_pct", _("Realized (%)"), fmt=percent),  # as the initiative's page prints it
    Column("proposed_at", _("Proposed"), order="proposed"),
)
LESSON_COLUMNS = (
    Column("title", _("Title"), order="title", link=True),
    Column("phase", _("Phase"), order="phase"),
    Column("category", _("Category")),
    Column("tags", _("Tags")),
    Column("program.code", _("Program")),
    Column("source", _("Source")),
    Column("created_at", _("Recorded"), order="recorded"),
)


class InitiativeListView(StaffRequiredMixin, FilteredListView):
    model = ImprovementInitiative
    filterset_class = InitiativeFilterSet
    columns = INITIATIVE_COLUMNS
    title = _("Improvement initiatives")
    export_name = "improvement-initiatives"
    create_url_name = "performance:initiative_create"

    def can_create(self):
        return services.can_create(self.request.user)

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("program", "owner").order_by("-proposed_at", "-pk")


class InitiativeDetailView(RecordDetailView):
    model = ImprovementInitiative
    template_name = "performance/improvement/initiative_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        obj = context["object"]
        context.update(
            can_decide=ImprovementInitiative.objects.decidable_by(self.request.user).filter(pk=obj.pk).exists()
        )
        # A refused step's form comes in kwargs, bound: its errors next to its fields, what was typed kept.
        for name, form_class in (("reject", RejectForm), ("implement", ImplementForm), ("measure", MeasureForm)):
            context.setdefault(f"{name}_form", form_class())
        return context


class _Form(RecordFormView):
    """Create or edit through the service; a refusal lands next to the field it names."""

    def can_create(self):
        return services.can_create(self.request.user)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}


class InitiativeFormView(_Form):
    model = ImprovementInitiative
    form_class = InitiativeForm

    def get_initial(self):
        initial = super().get_initial()
        if self.object is None:
            initial["owner"] = self.request.user.pk
            for key in ("program", "contract"):
                if key in self.request.GET:
                    initial[key] = self.request.GET[key]
        return initial

    def get_title(self):
        return _("Edit %(name)s") % {"name": self.object} if self.object else _("New improvement initiative")

    def save(self, form):
        if self.object is None:
            return services.initiative_create(by=self.request.user, **form.cleaned_data)
        return services.initiative_update(initiative=self.object, by=self.request.user, **form.cleaned_data)


STEPS = {
    "approve": (None, _("Initiative approved.")),
    "reject": (RejectForm, _("Initiative rejected.")),
    "implement": (ImplementForm, _("Initiative marked implemented.")),
    "measure": (MeasureForm, _("Realized benefit recorded.")),
}


@login_required
@require_POST
def initiative_step(request, pk, step):
    """One step of the workflow. Approving and rejecting: the program's managers; implementing and
    measuring: whoever may change the initiative (the program's managers and contributors)."""
    if request.user.is_vendor_user or step not in STEPS:
        raise PermissionDenied
    initiative = get_visible_or_404(ImprovementInitiative, request.user, pk=pk)
    if step in ("implement", "measure"):
        if not ImprovementInitiative.objects.editable_by(request.user).filter(pk=pk).exists():
            raise PermissionDenied
    form_class, done = STEPS[step]
    data, form = {}, None
    if form_class is not None:
        form = form_class(request.POST)
        if not form.is_valid():
            return _detail_again(request, initiative, step, form)
        data = form.cleaned_data
    service = getattr(services, f"initiative_{step}")
    try:
        service(initiative=initiative, by=request.user, **data)
    except ValidationError as exc:
        if form is None:
            messages.error(request, " ".join(exc.messages))
            return redirect(initiative)
        add_service_errors(form, exc)
        return _detail_again(request, initiative, step, form)
    messages.success(request, done)
    return redirect(initiative)


def _detail_again(request, initiative, step, form):
    """The initiative's page again with the refused step's form bound (not a redirect: the errors
    show next to the fields, naming them, and what was typed stays)."""
    view = InitiativeDetailView()
    view.setup(request, pk=initiative.pk)
    return render(request, view.template_name, view.get_context_data(**{f"{step}_form": form}))


class LessonListView(StaffRequiredMixin, FilteredListView):
    """Lessons learned of every program, searchable in any language (title, lesson, tags)."""

    model = Lesson
    filterset_class = LessonFilterSet
    columns = LESSON_COLUMNS
    title = _("Lessons learned")
    export_name = "lessons-learned"
    create_url_name = "performance:lesson_create"

    def can_create(self):
        return services.can_create(self.request.user)

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("program").order_by("-created_at", "-pk")


class LessonDetailView(RecordDetailView):
    model = Lesson
    template_name = "performance/improvement/lesson_detail.html"


class LessonFormView(_Form):
    model = Lesson
    form_class = LessonForm

    def get_initial(self):
        initial = super().get_initial()
        if self.object is None:
            for key in ("program", "phase"):
                if key in self.request.GET:
                    initial[key] = self.request.GET[key]
        return initial

    def get_title(self):
        return _("Edit %(name)s") % {"name": self.object} if self.object else _("New lesson learned")

    def save(self, form):
        if self.object is None:
            return services.lesson_create(by=self.request.user, **form.cleaned_data)
        return services.lesson_update(lesson=self.object, by=self.request.user, **form.cleaned_data)
