"""The change history of a record, read from the append-only audit log."""

from auditlog.models import LogEntry


def history_for(obj, limit: int = 50):
    """Who changed what and when, newest first, with each field's old and new value."""
    entries = LogEntry.objects.get_for_object(obj).select_related("actor").order_by("-timestamp", "-pk")[:limit]
    out = []
    for entry in entries:
        changes = []
        for field, (old, new) in (entry.changes_display_dict or {}).items():
            changes.append({"field": field, "old": old, "new": new})
        out.append({"entry": entry, "changes": changes})
    return out
