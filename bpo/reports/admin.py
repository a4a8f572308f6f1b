from django.contrib import admin

from .models import ReportRequest, ReportSchedule


@admin.register(ReportRequest)
class ReportRequestAdmin(admin.ModelAdmin):
    list_display = ["pk", "kind", "fmt", "requested_by", "status", "progress", "created_at", "finished_at"]
    list_filter = ["kind", "status"]
    readonly_fields = [f.name for f in ReportRequest._meta.fields]


@admin.register(ReportSchedule)
class ReportScheduleAdmin(admin.ModelAdmin):
    list_display = ["pk", "kind", "frequency", "owner", "created_at"]
