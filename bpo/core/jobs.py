"""Records whose work a Celery task does (reports, measurement imports): finding the ones whose
task was lost, so that a beat job queues them again."""

from django.db.models import Q
from django.utils import timezone


def lost_job_ids(queryset, *, queued, running, after, now=None) -> list[int]:
    """Ids of the rows (with `status`, `created_at`, `started_at`) queued, or running, for longer
    than `after`: their worker restarted or the broker lost the message."""
    cutoff = (now or timezone.now()) - after
    return list(
        queryset.filter(Q(status=queued, created_at__lt=cutoff) | Q(status=running, started_at__lt=cutoff)).values_list(
            "pk", flat=True
        )
    )
