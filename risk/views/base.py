"""Shared pieces of the risk pages: a form page that acts on one record through a service."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView

from bpo.core.access import StaffRequiredMixin, get_editable_or_403
from bpo.core.lists import FilteredListView
from bpo.core.records import add_service_errors  # noqa: F401 (re-exported for the views that import it here)

from ..services import can_create_in_any_program


class RiskListView(StaffRequiredMixin, FilteredListView):
    """A risk-app list: creating is open to anyone who edits risk records of some program."""

    def can_create(self):
        return can_create_in_any_program(self.request.user)


class ActOnRecordView(LoginRequiredMixin, StaffRequiredMixin, FormView):
    """A form about one editable record (`parent_model`, pk in the URL) that calls a service.

    A record the user may not see is a 404; one they may see but not change is a 403.
    """

    parent_model = None
    template_name = "core/form.html"
    success_message = _("Saved.")
    title = ""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.is_vendor_user:
            self.parent = get_editable_or_403(self.parent_model, request.user, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def perform(self, form):
        raise NotImplementedError

    def form_valid(self, form):
        try:
            obj = self.perform(form)
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message)
        return redirect(self.get_redirect_url(obj))

    def get_redirect_url(self, obj):
        return obj.get_absolute_url()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(object=self.parent, title=self.get_title())
        return context

    def get_title(self):
        return self.title
