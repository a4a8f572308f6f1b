from auditlog.models import LogEntry
from django.contrib import admin

from .models import Heartbeat, Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("recipient", "title", "created_at", "read_at")
    search_fields = ("title", "event_key")


@admin.register(Heartbeat)
class HeartbeatAdmin(admin.ModelAdmin):
    list_display = ("name", "last_seen")


# The audit history is append-only: readable by administrators, never changed or deleted.
admin.site.unregister(LogEntry)


@admin.register(LogEntry)
class ReadOnlyLogEntryAdmin(admin.ModelAdmin):
    list_display = ("timestamp", "actor", "content_type", "object_repr", "action")
    list_filter = ("action", "content_type")
    search_fields = ("object_repr",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
