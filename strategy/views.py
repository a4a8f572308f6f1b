from django.utils.translation import gettext_lazy as _

from bpo.core.access import StaffRequiredMixin
from bpo.core.lists import FilteredListView
from bpo.core.records import RecordDetailView, RecordFormView

from .choices import Phase
from .filtersets import ProgramFilterSet
from .forms import ProgramForm
from .models import Program
from .services import program_can_create, program_create, program_update
from .tables import PROGRAM_COLUMNS


class ProgramListView(StaffRequiredMixin, FilteredListView):
    model = Program
    filterset_class = ProgramFilterSet
    columns = PROGRAM_COLUMNS
    title = _("Programs")
    export_name = "programs"
    create_url_name = "strategy:program_create"

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("sponsor")

    def can_create(self):
        return program_can_create(self.request.user)


class ProgramDetailView(RecordDetailView):
    model = Program
    template_name = "strategy/program_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["phases"] = Phase.choices
        context["members"] = context["object"].memberships.select_related("user").order_by("role", "user__username")
        return context


class ProgramFormView(RecordFormView):
    model = Program
    form_class = ProgramForm

    def can_create(self):
        return program_can_create(self.request.user)

    def get_title(self):
        return _("Edit %(name)s") % {"name": self.object} if self.object else _("New program")

    def save(self, form):
        if self.object is None:
            return program_create(by=self.request.user, **form.cleaned_data)
        return program_update(program=self.object, by=self.request.user, **form.cleaned_data)
