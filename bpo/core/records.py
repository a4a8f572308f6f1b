"""Generic record pages: detail with history, and create/edit forms that call a service.

Each app's views subclass these and name the model, form and service; the access rule
comes from the model's queryset (`visible_to` / `editable_by`).
"""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView

from .access import StaffRequiredMixin, get_editable_or_403, get_visible_or_404
from .history import history_for


class RecordDetailView(LoginRequiredMixin, StaffRequiredMixin, TemplateView):
    model = None

    def get_object(self):
        return get_visible_or_404(self.model, self.request.user, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        obj = self.get_object()
        context = super().get_context_data(**kwargs)
        context.update(
            object=obj,
            can_edit=self.model.objects.editable_by(self.request.user).filter(pk=obj.pk).exists(),
            history=history_for(obj),
        )
        return context


class RecordFormView(LoginRequiredMixin, StaffRequiredMixin, FormView):
    """Create (no pk) or edit (pk) through one service call; errors land next to their field."""

    model = None
    template_name = "core/form.html"
    success_message = _("Saved.")

    def get_object(self):
        if "pk" not in self.kwargs:
            if not self.can_create():
                raise PermissionDenied
            return None
        return get_editable_or_403(self.model, self.request.user, pk=self.kwargs["pk"])

    def can_create(self) -> bool:
        return False

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.object = self.get_object()
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.object
        return kwargs

    def save(self, form):
        raise NotImplementedError

    def form_valid(self, form):
        try:
            obj = self.save(form)
        except ValidationError as exc:
            # The service refused: show why next to the fields, keep what was typed.
            form.add_error(None, exc)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message)
        return redirect(obj.get_absolute_url())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object"] = self.object
        context["title"] = self.get_title()
        return context

    def get_title(self):
        return str(self.object) if self.object else ""
