from django.contrib import admin

from .models import MeasurementBatch


@admin.register(MeasurementBatch)
class MeasurementBatchAdmin(admin.ModelAdmin):
    list_display = ("contract", "source", "file_name", "row_count", "new_count", "submitted_by", "submitted_at")
    list_filter = ("source",)
