from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import ProgramMembership, User


@admin.register(User)
class BpoUserAdmin(UserAdmin):
    list_display = ("username", "email", "first_name", "last_name", "role", "vendor", "is_active")
    list_filter = ("role", "is_active", "vendor")
    fieldsets = (*UserAdmin.fieldsets, ("BPO", {"fields": ("role", "vendor", "language")}))

    def has_delete_permission(self, request, obj=None):
        # Users are deactivated, never deleted, so the audit history keeps who did what.
        return False


@admin.register(ProgramMembership)
class ProgramMembershipAdmin(admin.ModelAdmin):
    list_display = ("program", "user", "role")
    list_filter = ("role", "program")
