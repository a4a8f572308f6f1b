"""The change history of a record, read from the append-only audit log."""

from collections import defaultdict

from auditlog.models import LogEntry, _get_manager_from_settings
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.utils.encoding import smart_str


def model_field(model, name):
    """The model's field of that name, or None when there is none (a snapshot or a log entry may
    name a field since removed): how the contract terms and the charter comparison read a stored
    field name before showing its label and display value."""
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def _related_records(entries) -> dict:
    """The records the entries' foreign-key changes name, one query per related model: auditlog
    reads each one with a query of its own when it shows the change."""
    wanted = defaultdict(set)
    for entry in entries:
        model = entry.content_type.model_class()
        for field_name, values in (entry.changes_dict or {}).items() if model else ():
            try:
                field = model._meta.get_field(field_name)
            except FieldDoesNotExist:
                continue
            kind = getattr(field, "get_internal_type", lambda: "")()
            if kind not in ("ForeignKey", "OneToOneField") or getattr(field, "choices", None):
                continue
            for value in values:
                try:
                    wanted[field.related_model].add(field.related_model._meta.pk.to_python(str(value)))
                except ValidationError:
                    continue
    return {m: _get_manager_from_settings(m).in_bulk([pk for pk in pks if pk is not None]) for m, pks in wanted.items()}


def _fk_display(entry, records):
    """auditlog's display of a foreign-key value (its record's text, "None", or that it was
    deleted), from the records read at once."""
    original = entry._get_changes_display_for_fk_field

    def display(field, value):
        if value == "None" or field.related_model not in records:
            return original(field, value)
        try:
            pk = field.related_model._meta.pk.to_python(value)
        except ValidationError:
            return value
        if pk not in records[field.related_model]:
            return f"Deleted '{field.related_model.__name__}' ({value})"
        return smart_str(records[field.related_model][pk])

    return display


def _shown(value):
    """A value as the history shows it: None when the field was empty (the template shows a
    dash), not auditlog's text "None" nor a blank cell."""
    if value is None or value == "None" or (isinstance(value, str) and not value.strip()):
        return None
    return value


def history_for(obj, limit: int = 50):
    """Who changed what and when, newest first, with each field's old and new value.
    A program's record tells its times (the entry's and a changed time's) in the program's time
    zone with the zone named, as the rest of its page does; another record in the page's zone,
    named. A fixed number of queries: the entries with their actor and content type, and the
    records their foreign-key changes name (one query per related model)."""
    from bpo.core.formats import format_datetime_zone
    from bpo.core.locking import record_time_zone
    from bpo.core.zones import format_in_zone

    zone_name = record_time_zone(obj)
    entries = list(
        LogEntry.objects.get_for_object(obj)
        .select_related("actor", "content_type")
        .order_by("-timestamp", "-pk")[:limit]
    )
    records = _related_records(entries)
    for entry in entries:
        entry._get_changes_display_for_fk_field = _fk_display(entry, records)
    out = []
    for entry in entries:
        model = entry.content_type.model_class()
        changes = []
        for name, stored in (entry.changes_dict or {}).items():
            if _is_m2m(stored):
                changes.append(_m2m_change(model, name, stored))
                continue
            shown = _field_display(entry, name, stored)
            if shown is None:
                continue
            field, (old, new) = shown
            kind = _date_kind(model, name)
            if kind and stored:
                old, new = (_as_page_shows(v, kind, zone_name) for v in stored)
            old, new = _shown(old), _shown(new)
            if old is not None and old == new and stored and kind == "DateTimeField":
                old, new = (_to_the_second(v, zone_name) for v in stored)
            changes.append({"field": field, "old": old, "new": new})
        at = format_in_zone(entry.timestamp, zone_name) if zone_name else format_datetime_zone(entry.timestamp)
        out.append({"entry": entry, "at": at, "changes": changes})
    return out


def _is_m2m(stored) -> bool:
    """Whether a change is of a many-to-many field (auditlog's m2m_fields): stored as
    {"type": "m2m", "operation": "add" or "delete", "objects": [their texts]}, not [old, new]."""
    return isinstance(stored, dict) and stored.get("type") == "m2m"


def _m2m_change(model, name, stored) -> dict:
    """A many-to-many change as one sentence across the From and To columns: "added Li Na, Wang
    Wei" or "removed Li Na" (a drill's participants)."""
    from django.utils.translation import gettext as _

    field = model_field(model, name) if model else None
    label = getattr(field, "verbose_name", name) if field is not None else name
    names = ", ".join(str(o) for o in stored.get("objects") or [])
    if stored.get("operation") == "add":
        text = _("added %(names)s") % {"names": names}
    else:
        text = _("removed %(names)s") % {"names": names}
    return {"field": label, "old": None, "new": None, "text": text}


def _field_display(entry, name, stored):
    """auditlog's label and [old, new] display of one field's change, or None when auditlog shows
    none (a relation without a type). Read field by field: auditlog keys its display by label, so
    two fields of one label (an incident's plan and the time it was activated, both "plan
    activated") would otherwise come back as one."""
    import copy

    one = copy.copy(entry)
    one.changes, one.changes_text = {name: stored}, ""
    shown = one.changes_display_dict
    if not shown:
        return None
    ((field, values),) = shown.items()
    values = list(values) if isinstance(values, (list, tuple)) else [values]
    return field, (values + [None, None])[:2]


def _date_kind(model, name):
    """ "DateTimeField" or "DateField" when the change is of such a field, else None."""
    field = model_field(model, name) if model and name else None
    kind = getattr(field, "get_internal_type", lambda: "")() if field is not None else ""
    return kind if kind in ("DateTimeField", "DateField") and not getattr(field, "choices", None) else None


def _as_page_shows(value, kind, zone_name=None):
    """A stored date or time as the rest of the page prints it (bpo/core/formats.py: 2026-11-27,
    2026-11-27 18:39 in the page's time zone, or 2026-11-27 18:39 (Asia/Shanghai) in the zone
    given, a program's), not auditlog's "Nov. 27, 2026, 6:39 p.m." or "2026年11月27日 18:39" in
    the server's zone."""
    from datetime import datetime

    from bpo.core.formats import format_date, format_datetime
    from bpo.core.zones import format_in_zone

    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        return _shown(value)
    if kind == "DateField":
        return format_date(moment.date())
    moment = _aware(moment)
    return format_in_zone(moment, zone_name) if zone_name else format_datetime(moment)


def _to_the_second(value, zone_name=None):
    """A time that changed within the minute the history shows (a re-assessment at 15:56 of one
    made at 15:56): shown to the second, so the change does not read 15:56 → 15:56."""
    from datetime import datetime

    from django.utils import timezone
    from django.utils.dateformat import format as date_format

    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        return _shown(value)
    moment = _aware(moment)
    if zone_name:
        from bpo.core.zones import in_zone

        return f"{date_format(in_zone(moment, zone_name), 'Y-m-d H:i:s')} ({zone_name})"
    return date_format(timezone.template_localtime(moment), "Y-m-d H:i:s")


def _aware(moment):
    """A stored time as the moment it is: auditlog stores a time without its zone, in UTC
    (auditlog.diff makes it naive in UTC), whatever the server's zone."""
    from datetime import UTC

    from django.utils import timezone

    return timezone.make_aware(moment, UTC) if timezone.is_naive(moment) else moment


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


# --- a field's value on a past day, from the audit log ------------------------------------


def logged_text(value) -> str:
    """A value as the audit log keeps it, as text: "None" (an empty field) and None read as ""."""
    return "" if value is None or value == "None" else str(value)


def logged_changes(model, object_ids, fields) -> dict:
    """The audit log's updates of `fields` of the `model` records whose pk is in `object_ids` (a
    list or a values() queryset), in one query: {pk: [(when, old, new, field), ...]}, oldest first,
    the values as text (logged_text)."""
    import json

    entries = (
        LogEntry.objects.filter(
            content_type__app_label=model._meta.app_label,
            content_type__model=model._meta.model_name,
            action=LogEntry.Action.UPDATE,
            object_id__in=object_ids,
            changes__has_any_keys=list(fields),
        )
        .order_by("timestamp", "pk")
        .values_list("object_id", "timestamp", "changes")
    )
    history: dict = {}
    for pk, when, changes in entries:
        if isinstance(changes, str):
            changes = json.loads(changes)
        for name in fields:
            if name in changes:
                old, new = changes[name]
                history.setdefault(pk, []).append((when, logged_text(old), logged_text(new), name))
    return history


def value_on(changes: list, field: str, boundary, current) -> tuple:
    """(value, when) of `field` just before the instant `boundary`, from its changes (oldest
    first, as logged_changes gives them): the new value of the last change before it; else the
    old value of the first change after it (the field had it since the start); else, never
    changed, `current` (and when is None unless a change before the boundary gave the value)."""
    mine = [(when, old, new) for when, old, new, name in changes if name == field]
    before = [c for c in mine if c[0] < boundary]
    if before:
        return before[-1][2], before[-1][0]
    if mine:
        return mine[0][1], None
    return current, None
