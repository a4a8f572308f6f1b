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


def log_created(objs) -> None:
    """The audit log's "created" entries for records saved with bulk_create (which sends no
    signals), one insert for all: the same entries the audit log writes for a single save,
    without an actor (bulk saves are the system's)."""
    from auditlog.cid import get_cid
    from auditlog.diff import model_instance_diff
    from django.conf import settings
    from django.contrib.contenttypes.models import ContentType

    objs = list(objs)
    if not objs:
        return
    content_type = ContentType.objects.get_for_model(objs[0])
    as_json = getattr(settings, "AUDITLOG_STORE_JSON_CHANGES", False)
    cid = get_cid()
    LogEntry.objects.bulk_create(
        LogEntry(
            content_type=content_type,
            object_pk=str(obj.pk),
            object_id=obj.pk,
            object_repr=str(obj),
            action=LogEntry.Action.CREATE,
            changes=model_instance_diff(None, obj, use_json_for_changes=as_json),
            cid=cid,
        )
        for obj in objs
    )
