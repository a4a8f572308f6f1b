from auditlog.models import LogEntry
from django.contrib import admin

from .models import Heartbeat, Notification, NotificationDigest


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("recipient", "title", "category", "email_mode", "in_app", "created_at", "emailed_at", "read_at")
    list_filter = ("category", "email_mode", "in_app")
    search_fields = ("title", "event_key")


@admin.register(NotificationDigest)
class NotificationDigestAdmin(admin.ModelAdmin):
    """The daily digests sent: one per user and day (read-only; the job writes them)."""

    list_display = ("recipient", "date", "count", "sent_at")
    date_hierarchy = "date"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


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
