"""Scheduled jobs run once, however many beat processes start.

``CELERY_BEAT_SCHEDULER`` points here: django-celery-beat's database scheduler, where each
tick first takes (or renews) a leader lease in the shared cache (Redis when ``REDIS_URL`` is
set). Only the leader sends due jobs; the others wait and take over within a minute if the
leader stops. Without Redis the cache is per process, so run a single beat (as ``make run``
and ``docker-compose.yml`` do).
"""

import uuid

from django.core.cache import caches
from django_celery_beat.schedulers import DatabaseScheduler

LEASE_KEY = "bpo:beat:leader"
LEASE_SECONDS = 60


class BeatLease:
    """A lease in the cache held by one process at a time (``cache.add`` is atomic in Redis)."""

    def __init__(self, *, key: str = LEASE_KEY, seconds: int = LEASE_SECONDS, cache_alias: str = "default"):
        self.key, self.seconds, self.cache_alias = key, seconds, cache_alias
        self.holder = uuid.uuid4().hex

    def acquire(self) -> bool:
        """True when this process holds the lease (taking it if free, renewing it if ours)."""
        cache = caches[self.cache_alias]
        if cache.add(self.key, self.holder, timeout=self.seconds):
            return True
        if cache.get(self.key) == self.holder:
            cache.touch(self.key, timeout=self.seconds)
            return True
        return False

    def release(self) -> None:
        cache = caches[self.cache_alias]
        if cache.get(self.key) == self.holder:
            cache.delete(self.key)


class SingleBeatScheduler(DatabaseScheduler):
    """The database scheduler, dispatching only while it holds the beat lease."""

    follower_wait = 5.0

    def __init__(self, *args, **kwargs):
        self.lease = BeatLease()
        super().__init__(*args, **kwargs)

    def tick(self, *args, **kwargs):
        if not self.lease.acquire():
            return self.follower_wait
        delay = super().tick(*args, **kwargs)
        return min(delay, LEASE_SECONDS / 3)  # wake up in time to renew the lease

    def close(self):
        self.lease.release()
        super().close()
