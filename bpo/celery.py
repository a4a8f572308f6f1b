"""The Celery app: finds each app's tasks.py and holds the one beat schedule.

The platform's own entries are below; each lifecycle app adds its entries (each with a
comment) in `<app>/schedule.py`, merged here in lifecycle order.
"""

import os
from importlib import import_module

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bpo.settings")

app = Celery("bpo")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

PLATFORM_SCHEDULE = {
    # Proves the scheduler and a worker are alive; /healthz reads the time it last ran.
    "heartbeat": {"task": "bpo.core.tasks.heartbeat", "schedule": 60.0},
    # Drops read notifications older than a year; unread ones stay.
    "prune-read-notifications": {"task": "bpo.core.tasks.prune_read_notifications", "schedule": 24 * 3600.0},
    # Each user's daily digest e-mail, from 07:00 local time: hourly, but a digest row per user
    # and day makes every run after the day's first send nothing (bpo/core/digest.py).
    "notification-daily-digests": {"task": "bpo.core.tasks.send_daily_digests", "schedule": 3600.0},
}

STAGES = ["strategy", "vendors", "contracts", "delivery", "performance", "risk"]
# Platform sub-apps with beat entries of their own (`<app>/schedule.py`), after the stages.
PLATFORM_APPS = ["bpo.reports"]


def build_schedule():
    schedule = dict(PLATFORM_SCHEDULE)
    for stage in STAGES + PLATFORM_APPS:
        for name, entry in import_module(f"{stage}.schedule").SCHEDULE.items():
            if name in schedule:
                raise ValueError(f"beat entry {name!r} is defined twice")
            schedule[name] = entry
    return schedule


app.conf.beat_schedule = build_schedule()
