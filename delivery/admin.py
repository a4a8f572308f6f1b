from django.contrib import admin

from .models import MeasurementBatch, MeasurementImport


@admin.register(MeasurementBatch)
class MeasurementBatchAdmin(admin.ModelAdmin):
    list_display = ("contract", "source", "file_name", "row_count", "new_count", "submitted_by", "submitted_at")
    list_filter = ("source",)


@admin.register(MeasurementImport)
class MeasurementImportAdmin(admin.ModelAdmin):
    """Read-only: an import is changed only by its task (delivery/imports.py)."""

    list_display = (
        "contract",
        "file_name",
        "status",
        "progress",
        "row_count",
        "error_count",
        "submitted_by",
        "created_at",
    )
    list_filter = ("status",)
    exclude = ("errors",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
