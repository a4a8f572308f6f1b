"""Staff pages of technical support requests, with the resolution time per category."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from bpo.core.access import get_visible_or_404
from bpo.core.records import RecordDetailView

from . import support
from .filtersets_engagement import SupportRequestFilterSet
from .forms_engagement import SupportEditForm, SupportMoveForm, SupportRequestForm
from .models import SupportRequest
from .tables_engagement import SUPPORT_COLUMNS
from .views_meetings import EngagementListView, ScopedFormView, _staff


class SupportListView(EngagementListView):
    model = SupportRequest
    filterset_class = SupportRequestFilterSet
    columns = SUPPORT_COLUMNS
    title = _("Support requests")
    export_name = "support-requests"
    create_url_name = "delivery:support_create"
    template_name = "delivery/support_list.html"

    def can_create(self):
        return support.requestable_programs(self.request.user).exists()

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("program", "requester", "vendor", "assignee")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["stats"] = support.resolution_stats(self.filterset.qs)
        return context


class SupportDetailView(RecordDetailView):
    model = SupportRequest
    template_name = "delivery/support_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        req = context["object"]
        moves = support.allowed_moves(self.request.user, req)
        context.update(moves=[(m.value, m.label) for m in moves], move_form=SupportMoveForm() if moves else None)
        return context


class SupportFormView(ScopedFormView):
    """New: any staff user who sees a program raises one; edit: the program's editors."""

    model = SupportRequest

    def can_create(self):
        return support.requestable_programs(self.request.user).exists()

    def get_form_class(self):
        return SupportEditForm if self.object else SupportRequestForm

    def get_title(self):
        return _("Edit %(name)s") % {"name": self.object} if self.object else _("New support request")

    def save(self, form):
        if self.object is None:
            return support.support_request_create(by=self.request.user, **form.cleaned_data)
        return support.support_request_update(request=self.object, by=self.request.user, **form.cleaned_data)


@login_required
@require_POST
def support_move(request, pk):
    user = _staff(request)
    req = get_visible_or_404(SupportRequest, user, pk=pk)
    form = SupportMoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the new status."))
        return redirect(req)
    try:
        support.support_request_transition(request=req, by=user, **form.cleaned_data)
    except PermissionDenied:
        raise
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Status changed."))
    return redirect(req)
