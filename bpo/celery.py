"""The Celery app: finds each app's tasks.py and holds the one beat schedule."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bpo.settings")

app = Celery("bpo")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

app.conf.beat_schedule = {
    # Proves the scheduler and a worker are alive; /healthz reads the time it last ran.
    "heartbeat": {"task": "bpo.core.tasks.heartbeat", "schedule": 60.0},
    # Drops notifications older than a year that were read; unread ones stay.
    "prune-read-notifications": {"task": "bpo.core.tasks.prune_read_notifications", "schedule": 24 * 3600.0},
}
