"""Generic record pages: detail with history, and create/edit forms that call a service.

Each app's views subclass these and name the model, form and service; the access rule
comes from the model's queryset (`visible_to` / `editable_by`).
"""

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView

from .access import StaffRequiredMixin, get_editable_or_403
from .history import history_for
from .locking import VERSION_FIELD, RecordChanged, check_version, fingerprint


def add_service_errors(form, exc: ValidationError) -> None:
    """A service's refusal, next to the field it names (or above the form when no field matches)."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


@dataclass(frozen=True)
class Checked:
    """What save_checked did: `saved` (and `result`, what the save returned), or not, and then
    whether because the record had changed (`record_changed`, for the template's reload link)."""

    saved: bool
    result: Any = None
    record_changed: bool = False


def save_checked(request, form, record, save) -> Checked:
    """For views not built on RecordFormView: runs `save()` in one transaction with the check of
    the version the form was opened with (bpo.core.locking.check_version, the posted
    VERSION_FIELD). A stale form gets the "someone else changed this record" message and a
    service's refusal its errors next to the fields, what was typed kept either way."""
    try:
        with transaction.atomic():
            check_version(record, request.POST.get(VERSION_FIELD))
            result = save()
    except RecordChanged as exc:
        form.add_error(None, exc)
        return Checked(saved=False, record_changed=True)
    except ValidationError as exc:
        add_service_errors(form, exc)
        return Checked(saved=False)
    return Checked(saved=True, result=result)


def errors_not_shown(form) -> list:
    """The errors of a refused form that no visible field shows (the whole form's, hidden
    fields'): a page lists them above the form."""
    errors = list(form.non_field_errors())
    for field in form.hidden_fields():
        errors.extend(field.errors)
    return errors


def run_with_message(request, service, done, **kwargs) -> bool:
    """Runs a service for a POST-only action; its refusal becomes an error message, success `done`."""
    try:
        service(**kwargs)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return False
    messages.success(request, done)
    return True


class RecordDetailView(LoginRequiredMixin, StaffRequiredMixin, TemplateView):
    model = None
    # Related records the page shows, read with the record itself (select_related).
    related: tuple[str, ...] = ()

    def get_object(self):
        return get_object_or_404(
            self.model.objects.visible_to(self.request.user).select_related(*self.related), pk=self.kwargs["pk"]
        )

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
    """Create (no pk) or edit (pk) through one service call; errors land next to their field.

    Editing is optimistically locked: the form carries the record's fingerprint from when it
    was opened (hidden `record_version`, see bpo.core.locking); the save re-reads the record
    with select_for_update in its transaction and is refused, keeping what was typed, if
    someone else changed it meanwhile. A post without the field is not checked.
    """

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
            # Taken before a ModelForm copies the posted values onto the instance.
            self.opened_version = fingerprint(self.object) if self.object is not None else None
            self.opened_name = str(self.object) if self.object is not None else ""
        return super().dispatch(request, *args, **kwargs)

    def posted_version(self):
        """The fingerprint the form was opened with (None on GET or when the post has none)."""
        if self.request.method != "POST":
            return None
        return self.request.POST.get(VERSION_FIELD) or None

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.object
        return kwargs

    def save(self, form):
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        # The version check and the save share one transaction: the record stays locked from
        # the comparison to the save (also for subclasses that override form_valid).
        with transaction.atomic():
            try:
                check_version(self.object, self.posted_version())
            except RecordChanged as exc:
                form = self.get_form()
                form.is_valid()  # field errors show too; nothing is saved
                form.add_error(None, exc)
                self.record_changed = True
                return self.form_invalid(form)
            return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            obj = self.save(form)
        except ValidationError as exc:
            # The service refused: show why next to the fields, keep what was typed.
            add_service_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message)
        return redirect(obj.get_absolute_url())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object"] = self.object
        context["title"] = self.get_title()
        if self.object is not None:
            # A re-rendered form keeps the version it was opened with, so a stale form stays stale.
            context["record_version"] = self.posted_version() or self.opened_version
            context["record_changed"] = getattr(self, "record_changed", False)
        return context

    def get_title(self):
        # The name it was opened with: a re-shown form has copied the typed values onto the record.
        return self.opened_name
