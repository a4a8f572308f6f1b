import copy

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import UserChangeForm
from django.core.exceptions import ValidationError

from . import services
from .models import ProgramMembership, User


class BpoUserChangeForm(UserChangeForm):
    """Django's change form, with the user pages' rule: a user who owns open records is not given
    a role or vendor that stops them reading those records' programs (services.user_check_hand_over)
    until the records are reassigned; a deactivation goes through, and the programs' managers are
    told (BpoUserAdmin.save_model)."""

    def clean(self):
        data = super().clean()
        if self.instance.pk and not self.errors:
            before = User.objects.get(pk=self.instance.pk)
            after = copy.copy(before)
            for name in ("role", "vendor", "is_active", "is_superuser"):
                if name in data:
                    setattr(after, name, data[name])
            try:
                services.user_check_hand_over(before=before, after=after)
            except services.OpenRecordsRefusal as exc:
                self.add_error(exc.field, ValidationError(exc.html, code="open_records"))
        return data


@admin.register(User)
class BpoUserAdmin(UserAdmin):
    form = BpoUserChangeForm
    list_display = ("username", "email", "first_name", "last_name", "role", "vendor", "is_active")
    list_filter = ("role", "is_active", "vendor")
    fieldsets = (*UserAdmin.fieldsets, ("BPO", {"fields": ("role", "vendor", "language")}))

    def save_model(self, request, obj, form, change):
        was_active = change and User.objects.filter(pk=obj.pk, is_active=True).exists()
        super().save_model(request, obj, form, change)
        if was_active and not obj.is_active:
            services.owner_deactivated(obj)

    def has_delete_permission(self, request, obj=None):
        # Users are deactivated, never deleted, so the audit history keeps who did what.
        return False


@admin.register(ProgramMembership)
class ProgramMembershipAdmin(admin.ModelAdmin):
    list_display = ("program", "user", "role")
    list_filter = ("role", "program")
