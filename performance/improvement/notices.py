"""Who hears about initiatives and lessons, through the one notification mechanism (notify()).

- An idea is proposed: the program's managers (they decide), once per initiative.
- An idea is approved or rejected: whoever proposed it and its owner, once per decision; the
  managers' "idea to decide" is then read for all of them.
- Lessons are offered: a daily job tells the managers of each program about the lessons learned
  of the program's current phase, once per program and phase (the event key), so a program that
  enters a phase is offered what others learned in it.
"""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Count
from django.urls import reverse
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from bpo.accounts.choices import NotificationCategory
from bpo.core.services import notifications_done, notify
from strategy.choices import Phase

CATEGORY = NotificationCategory.PROGRAMS


def _lazy(message, **params):
    """`message % params` rendered when shown: in each recipient's own language."""
    return lazy(lambda: str(message) % {k: str(v) for k, v in params.items()}, str)()


def _managers(program_ids):
    return (
        get_user_model()
        .objects.filter(is_active=True, memberships__program_id__in=program_ids, memberships__role="manager")
        .distinct()
    )


def _later(**kwargs):
    transaction.on_commit(lambda: notify(category=CATEGORY, **kwargs))


def initiative_proposed(initiative):
    _later(
        recipients=[u for u in _managers([initiative.program_id]) if u.pk != initiative.proposed_by_id],
        event_key=f"initiative:{initiative.pk}:proposed",
        title=_lazy(_("Improvement idea to decide: %(title)s"), title=initiative.title),
        url=initiative.get_absolute_url(),
    )


def initiative_decided(initiative):
    # The managers' "idea to decide" is decided: read for all of them (after the proposal's notice).
    transaction.on_commit(lambda: notifications_done(event_key=f"initiative:{initiative.pk}:proposed"))
    recipients = {initiative.proposed_by, *([initiative.owner] if initiative.owner else [])}
    recipients.discard(initiative.decided_by)
    title = (
        _("Improvement initiative approved: %(title)s")
        if initiative.status == "approved"
        else _("Improvement initiative rejected: %(title)s")
    )
    _later(
        recipients=list(recipients),
        event_key=f"initiative:{initiative.pk}:{initiative.status}",
        title=_lazy(title, title=initiative.title),
        url=initiative.get_absolute_url(),
    )


def lessons_offer_due() -> int:
    """Tells each program's managers, once per program and phase, about the lessons learned of the
    program's current phase. Returns how many programs were offered lessons for the first time."""
    from strategy.models import Program

    from .models import Lesson

    counts = dict(Lesson.objects.values("phase").annotate(n=Count("pk")).values_list("phase", "n").order_by())
    programs = list(Program.objects.filter(phase__in=list(counts)).only("pk", "code", "phase"))
    offered = 0
    url = reverse("performance:lesson_list")
    for program in programs:
        recipients = list(_managers([program.pk]))
        if not recipients:
            continue
        offered += bool(
            notify(
                recipients=recipients,
                event_key=f"lessons-offered:{program.pk}:{program.phase}",
                title=_lazy(
                    _("%(n)s lessons learned for the %(phase)s phase of %(program)s"),
                    n=counts[program.phase],
                    phase=Phase(program.phase).label,
                    program=program.code,
                ),
                url=f"{url}?phase={program.phase}",
                category=CATEGORY,
            )
        )
    return offered
