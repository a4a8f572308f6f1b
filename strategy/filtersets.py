import django_filters
from django.utils.translation import gettext_lazy as _

from bpo.core.filters import SearchFilterSet
from bpo.core.pickers import RecordChoiceFilter

from .choices import ApprovalStatus, Phase
from .models import Program


class ProgramFilterSet(SearchFilterSet):
    """Used by the program list page and /api/v1/programs/ alike."""

    search_fields = ("code", "name", "business_unit", "description")
    phase = django_filters.ChoiceFilter(label=_("Phase"), choices=Phase.choices)
    status = django_filters.ChoiceFilter(label=_("Approval"), choices=ApprovalStatus.choices)
    ordering = django_filters.OrderingFilter(
        label=_("Sort by"),
        fields=(
            ("code", "code"),
            ("name", "name"),
            ("phase", "phase"),
            ("status", "status"),
            ("start_date", "start_date"),
        ),
    )

    class Meta:
        model = Program
        fields = ["q", "phase", "status"]


def _programs(request):
    if request is None or request.user.is_vendor_user:
        return Program.objects.none()
    return Program.objects.visible_to(request.user)


class CharterItemFilterSet(SearchFilterSet):
    """The filters of a charter kind's API endpoint (objectives, budget lines ...): the program, by
    id or code among the programs the caller may see; any other value is the filter's error."""

    q = None  # a charter item has no text worth a search here
    program = RecordChoiceFilter(label=_("Program"), queryset=_programs, kind="program")


def charter_filterset_for(model):
    meta = type("Meta", (), {"model": model, "fields": ["program"]})
    return type(f"{model.__name__}FilterSet", (CharterItemFilterSet,), {"Meta": meta})
