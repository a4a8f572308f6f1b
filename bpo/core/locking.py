"""Optimistic locking: a fingerprint of a record's stored values, compared before a save.

An edit form carries the fingerprint of the record as it was when the form was opened; the
API sends it as the `ETag` of a record and accepts it back in `If-Match`. Before saving,
the record is re-read with `select_for_update` inside the save's transaction and its
fingerprint compared: if someone else saved in between, the save is refused.

The fingerprint is a hash of the model's concrete editable field values (foreign keys as
their ids), so no model needs a version column and no migration is added. Fields a model
keeps for itself (`editable=False`, such as `auto_now` timestamps or computed totals) are
left out: a background job refreshing them does not make an open form stale.
"""

import hashlib
import json

from auditlog.models import LogEntry
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.exceptions import APIException

from bpo.core.zones import format_in_zone

VERSION_FIELD = "record_version"

# Kept up to date by the sign-in and password pages, never by an edit form: a user signing in
# must not make the administrator's open form on their account stale.
IGNORED_FIELDS = {"last_login", "password"}


def locked_fields(model) -> list:
    """The fields whose stored values make up the fingerprint (concrete, editable, not the key)."""
    return [f for f in model._meta.concrete_fields if f.editable and not f.primary_key and f.name not in IGNORED_FIELDS]


def fingerprint(obj) -> str:
    """A short hash of the record's current editable values; changes whenever one of them does."""
    values = [[f.attname, f.value_from_object(obj)] for f in locked_fields(type(obj))]
    raw = json.dumps(values, sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.sha256(raw.encode()).hexdigest()[:20]


def lock_current(obj):
    """The record re-read from the database and locked until the transaction ends (None if gone)."""
    return type(obj)._default_manager.select_for_update().filter(pk=obj.pk).first()


# The links followed from a record to the program whose time zone its times are told in
# (a service level -> its contract -> its program; a period -> its contract -> ...).
PROGRAM_PATHS = (
    "program",
    "contract",
    "period",
    "service_level",
    "task",
    "invoice",
    "risk",
    "work_package",
    "course",  # a training session -> its course -> its program
    "session",  # an attendance -> its training session -> ...
)


def record_time_zone(obj, depth: int = 3) -> str | None:
    """The time zone of the record's program (the record itself when it is a program), or None
    when it has none (a vendor, a user)."""
    if obj is None:
        return None
    from strategy.models import Program

    if isinstance(obj, Program):
        return obj.time_zone or None
    if depth == 0:
        return None
    for name in PROGRAM_PATHS:
        try:
            related = getattr(obj, name, None)
        except ObjectDoesNotExist:
            continue
        if isinstance(related, models.Model) and (found := record_time_zone(related, depth - 1)):
            return found
    return None


def stale_message(obj) -> str:
    """What the user reads when the record changed since their form was opened. The other change's
    time is told in the record's program's time zone, named (2026-11-28 08:47 (Asia/Manila)), as
    the pages tell a program's times; a record without a program names the page's zone."""
    entry = LogEntry.objects.get_for_object(obj).select_related("actor").order_by("-timestamp", "-pk").first()
    if entry is not None:
        who = (entry.actor.get_full_name() or entry.actor.get_username()) if entry.actor else _("someone")
        when = format_in_zone(entry.timestamp, record_time_zone(obj) or timezone.get_current_timezone_name())
        return _(
            "Someone else changed this record since you opened it (last change by %(who)s, %(when)s). "
            "Your changes are not saved; what you typed is kept below. Reload the page to see their "
            "changes, then apply yours again."
        ) % {"who": who, "when": when}
    return _(
        "Someone else changed this record since you opened it. Your changes are not saved; what "
        "you typed is kept below. Reload the page to see their changes, then apply yours again."
    )


class RecordChanged(ValidationError):
    """The record was saved by someone else after the form was opened (code `stale`)."""

    def __init__(self, obj):
        super().__init__(stale_message(obj), code="stale")


def check_version(obj, expected: str | None):
    """Lock the stored record and refuse (RecordChanged) if its fingerprint is not `expected`.

    Call inside the transaction that saves. Without an expected fingerprint nothing is checked.
    """
    if not expected or obj is None or obj.pk is None:
        return
    current = lock_current(obj)
    if current is None or fingerprint(current) != expected:
        raise RecordChanged(current or obj)


def opened_version(request, obj) -> str | None:
    """The version an edit page carries (context `record_version`), for views not built on
    RecordFormView: the posted one on a re-rendered form, else the record's fingerprint. Take it
    before a ModelForm copies posted values onto `obj`; check it with
    `check_version(obj, request.POST.get(VERSION_FIELD))` inside the save's transaction."""
    if obj is None:
        return None
    if request.method == "POST" and request.POST.get(VERSION_FIELD):
        return request.POST[VERSION_FIELD]
    return fingerprint(obj)


# --- API: ETag / If-Match ----------------------------------------------------------------


def etag(obj) -> str:
    """The record's fingerprint as a strong HTTP entity tag (quoted)."""
    return f'"{fingerprint(obj)}"'


def if_match_accepts(header: str, current: str) -> bool:
    """Whether an `If-Match` header value matches the current fingerprint (`*` matches any)."""
    for tag in header.split(","):
        tag = tag.strip()
        if tag == "*":
            return True
        if tag.startswith("W/"):
            tag = tag[2:]
        if tag.strip('"') == current:
            return True
    return False


class PreconditionConflict(APIException):
    """A PUT/PATCH whose `If-Match` names a version that is no longer the stored one."""

    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"

    def __init__(self):
        super().__init__(
            _(
                "Someone else changed this record since you read it: its ETag no longer matches "
                "If-Match. GET the record again and apply your change to the current version."
            )
        )
