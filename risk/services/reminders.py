"""Reminders, called by the scheduled jobs."""

import datetime

from django.utils.translation import gettext_lazy as _

from bpo.core.i18n import interpolate
from bpo.core.services import notify
from bpo.core.zones import due_before_today_q, today_in

from ..choices import ActionStatus, DrillStatus
from ..models import (
    CorrectiveAction,
    Drill,
    Risk,
)
from ..models.actions import lazy_title
from ._common import _program_managers

# --- reminders (called by the scheduled jobs) -------------------------------------------

REMIND_DAYS_AHEAD = 7

# Due, overdue and "within a week" are by the date in the record's program's time zone (one
# set-based condition, bpo.core.zones.due_before_today_q); `today` gives one date for every zone
# instead (tests).


def _today(today: datetime.date | None, program) -> datetime.date:
    return today or today_in(program.time_zone)


def risk_remind_reviews(*, today: datetime.date | None = None) -> int:
    """Tells each open risk's owner (or the program managers) that its review is due within
    a week or overdue. The key holds the due date: once per risk and due date."""
    sent = 0
    soon = due_before_today_q("next_review_date", days=REMIND_DAYS_AHEAD + 1, today=today)
    risks = Risk.objects.open().filter(soon).select_related("owner", "program")
    for risk in risks:
        recipients = [risk.owner] if risk.owner_id else _program_managers(risk.program)
        overdue = risk.next_review_date < _today(today, risk.program)
        sent += len(
            notify(
                recipients=recipients,
                event_key=f"risk:{risk.pk}:review-due:{risk.next_review_date.isoformat()}",
                title=interpolate(
                    (_("Risk review overdue: %(risk)s") if overdue else _("Risk review due: %(risk)s")), {"risk": risk}
                ),
                body=interpolate(_("Review due on %(date)s."), {"date": risk.next_review_date.isoformat()}),
                url=risk.get_absolute_url(),
            )
        )
    return sent


def drill_remind_due(*, today: datetime.date | None = None) -> int:
    """Reminds the plan owner of a drill due within a week or overdue, once per drill and date."""
    sent = 0
    soon = due_before_today_q("scheduled_for", "plan__program", days=REMIND_DAYS_AHEAD + 1, today=today)
    drills = Drill.objects.filter(soon, status=DrillStatus.SCHEDULED).select_related("plan__owner", "plan__program")
    for drill in drills:
        plan = drill.plan
        recipients = [plan.owner] if plan.owner_id else _program_managers(plan.program)
        sent += len(
            notify(
                recipients=recipients,
                event_key=f"drill:{drill.pk}:due:{drill.scheduled_for.isoformat()}",
                title=interpolate(
                    (
                        _("Drill overdue: %(drill)s")
                        if drill.scheduled_for < _today(today, plan.program)
                        else _("Drill due: %(drill)s")
                    ),
                    {"drill": drill.title},
                ),
                body=interpolate(_("Scheduled for %(date)s."), {"date": drill.scheduled_for.isoformat()}),
                url=drill.get_absolute_url(),
            )
        )
    return sent


def action_remind_overdue(*, today: datetime.date | None = None) -> int:
    """Reminds owners of corrective actions past their due date, once per action and due date."""
    sent = 0
    actions = CorrectiveAction.objects.filter(
        due_before_today_q("due_date", today=today), status__in=[ActionStatus.OPEN, ActionStatus.IN_PROGRESS]
    ).select_related("owner")
    for action in actions:
        sent += len(
            notify(
                recipients=[action.owner],
                event_key=f"capa:{action.pk}:overdue:{action.due_date.isoformat()}",
                title=interpolate(_("Corrective action overdue: %(title)s"), {"title": lazy_title(action)}),
                body=interpolate(_("It was due on %(date)s."), {"date": action.due_date.isoformat()}),
                url="/portal/" if action.owner.is_vendor_user else action.get_absolute_url(),
            )
        )
    return sent
