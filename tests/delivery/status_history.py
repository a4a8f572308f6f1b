"""Acting on a past day, for the status reports' "as of" figures: every service call in the
block runs at noon of that day (django.utils.timezone.now), and the audit log's entries it
writes carry that time (set as they are saved: the audit log is append-only on PostgreSQL,
and its timestamp default is bound when auditlog loads)."""

import datetime
from contextlib import contextmanager
from unittest import mock

from auditlog.models import LogEntry
from django.db.models.signals import pre_save
from django.utils import timezone


def noon(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def on_day(day: datetime.date):
    return at_moment(noon(day))


@contextmanager
def at_moment(when: datetime.datetime):
    """As on_day, at the aware instant `when`."""

    def stamp(sender, instance, **kwargs):
        if instance._state.adding:
            instance.timestamp = when

    pre_save.connect(stamp, sender=LogEntry, weak=False)
    try:
        with mock.patch("django.utils.timezone.now", return_value=when):
            yield when
    finally:
        pre_save.disconnect(stamp, sender=LogEntry)
