from django.contrib import admin

from .models import Program


@admin.register(Program)
class ProgramAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "phase", "status", "business_unit")
    list_filter = ("phase", "status")
    search_fields = ("code", "name")
