from django.contrib import admin

from .models import Holiday, ReportRequest, ReportSchedule


@admin.register(ReportRequest)
class ReportRequestAdmin(admin.ModelAdmin):
    list_display = ["pk", "kind", "fmt", "requested_by", "status", "progress", "created_at", "finished_at"]
    list_filter = ["kind", "status"]
    readonly_fields = [f.name for f in ReportRequest._meta.fields]


@admin.register(ReportSchedule)
class ReportScheduleAdmin(admin.ModelAdmin):
    list_display = ["pk", "kind", "frequency", "owner", "created_at"]


@admin.register(Holiday)
class HolidayAdmin(admin.ModelAdmin):
    """The holiday calendar: a monthly report waits for the first day that is neither a weekend nor
    a holiday listed here."""

    list_display = ["date", "name"]
    search_fields = ["name"]
    date_hierarchy = "date"
