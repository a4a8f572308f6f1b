from django.contrib import admin
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

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
    """The holiday calendar: a monthly or weekly report waits for the first working day, Monday to
    Friday unless a day off listed here, or a Saturday or Sunday listed as a make-up working day."""

    list_display = ["date", "weekday", "kind", "name"]
    list_filter = ["kind"]
    search_fields = ["name"]
    date_hierarchy = "date"

    @admin.display(description=_("weekday"), ordering="date")
    def weekday(self, obj):
        return date_format(obj.date, "l")
