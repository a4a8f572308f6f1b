"""Reads of the risk records for pages, other apps and the portal."""

import datetime

from django.db.models import Count, OuterRef, Subquery
from django.utils import timezone

from bpo.core.history import logged_changes, value_on

from .choices import Level, RiskStatus
from .models import CorrectiveAction, Risk, RiskReview
from .scoring import risk_level, risk_score


def unassessed_risks(program):
    """The program's open risks that were never assessed: what the strategy gate lists.

    Returns a queryset (ordered by reference), empty when every open risk has a score.
    """
    return Risk.objects.unassessed().filter(program=program).order_by("pk")


def heat_map(risks, *, basis: str = "residual") -> list[dict]:
    """A 5 x 5 grid of risk counts for `basis` ('inherent' or 'residual'), likelihood 5 at the top.

    Each row: {"likelihood", "cells": [{"likelihood", "impact", "score", "level", "count"}]},
    counted in one query over the given (already scoped) risks.
    """
    if basis not in ("inherent", "residual"):
        basis = "residual"
    lk, im = f"{basis}_likelihood", f"{basis}_impact"
    counts = {
        (row[lk], row[im]): row["n"]
        for row in risks.filter(**{f"{lk}__isnull": False, f"{im}__isnull": False})
        .order_by()
        .values(lk, im)
        .annotate(n=Count("pk"))
    }
    return [
        {
            "likelihood": likelihood,
            "cells": [
                {
                    "likelihood": likelihood,
                    "impact": impact,
                    "score": risk_score(likelihood, impact),
                    "level": risk_level(risk_score(likelihood, impact)),
                    "count": counts.get((likelihood, impact), 0),
                }
                for impact in range(1, 6)
            ],
        }
        for likelihood in range(5, 0, -1)
    ]


def level_counts(risks, *, basis: str = "residual") -> dict:
    """Open risks per level, plus 'unassessed'."""
    field = f"{basis}_level"
    rows = risks.filter(status=RiskStatus.OPEN).order_by().values(field).annotate(n=Count("*"))
    counts = {level: 0 for level in Level.values}
    counts["unassessed"] = 0
    for row in rows:
        counts[row[field] or "unassessed"] += row["n"]
    return counts


def score_trend(risk) -> list[dict]:
    """The risk's assessments, oldest first, with points for a small inline SVG chart (0-25 scale)."""
    reviews = list(risk.reviews.select_related("reviewed_by").order_by("reviewed_at", "pk"))
    width, height, pad = 300, 100, 8
    n = len(reviews)
    points = []
    for i, review in enumerate(reviews):
        x = pad + (width - 2 * pad) * (i / (n - 1) if n > 1 else 0.5)
        points.append(
            {
                "review": review,
                "x": round(x, 1),
                "yi": round(height - pad - (height - 2 * pad) * review.inherent_score / 25, 1),
                "yr": round(height - pad - (height - 2 * pad) * review.residual_score / 25, 1),
            }
        )
    return points


def portal_risks(vendor_id):
    """Risks the vendor's portal shows: flagged shared and tied to that vendor; nothing else."""
    return Risk.objects.shared_with_vendor(vendor_id).select_related("program").order_by("pk")


def portal_actions(risk, vendor_id):
    """The corrective actions of a shared risk that are assigned to the vendor."""
    return CorrectiveAction.objects.for_vendor(vendor_id).filter(risk=risk).select_related("owner")


def risk_assessment_status(program) -> dict:
    """For a gate's checklist: how many open risks the program has and which are unassessed."""
    unassessed = list(unassessed_risks(program))
    return {"open": Risk.objects.open().filter(program=program).count(), "unassessed": unassessed}


def program_vendor_ids(program) -> set[int]:
    """Vendors with a contract in the program (as the delivery pages count them): the only vendors a
    risk may be about or shared with, and whose users may own its corrective actions."""
    from contracts.models import Contract

    return set(Contract.objects.filter(program=program).values_list("vendor_id", flat=True))


def program_vendors(program_ids):
    """The vendors with a contract in these programs (a queryset of Program ids or a list)."""
    from contracts.models import Contract
    from vendors.models import Vendor

    return Vendor.objects.filter(pk__in=Contract.objects.filter(program__in=program_ids).values("vendor_id"))


def program_staff(program_ids, part: str = "content"):
    """Active staff users who may see `part` (bpo.core.scoping CONTENT, or CONTRACTS for a
    contract's records) of one of these programs (Program.reading): its members who read it (not an
    evaluator membership alone), its sponsor, and the roles that read that part of every program
    (for its records administrators and executives; finance and legal only as members). Who may
    own its risks and corrective actions."""
    from django.db.models import Q

    from bpo.accounts.choices import PROGRAM_READING_ROLES
    from bpo.accounts.models import ProgramMembership, User
    from bpo.core.scoping import roles_reading_all
    from strategy.models import Program

    members = ProgramMembership.objects.filter(program__in=program_ids, role__in=PROGRAM_READING_ROLES).values(
        "user_id"
    )
    sponsors = Program.objects.filter(pk__in=program_ids, sponsor__isnull=False).values("sponsor_id")
    return User.objects.filter(is_active=True, vendor__isnull=True).filter(
        Q(pk__in=members) | Q(pk__in=sponsors) | Q(role__in=roles_reading_all(part)) | Q(is_superuser=True)
    )


def may_see_program(user, program, part: str = "content") -> bool:
    """Whether `user` reads `part` of `program` (Program.reading): the owner of a program's record
    must (finance and legal read its contracts across programs, its other records as members)."""
    from strategy.models import Program

    return user is not None and Program.objects.reading(user, part).filter(pk=program.pk).exists()


def action_owners(program, contract=None):
    """Who may own a corrective action of `program` about `contract`: the program's staff, and the
    users of the contract's vendor (without a contract: of a vendor with a contract in the program).
    Never another vendor's people, whose portal would then show this program's records."""
    from django.db.models import Q

    from bpo.accounts.models import User

    if program is None:
        return User.objects.none()
    if contract is not None:
        vendors = Q(vendor_id=contract.vendor_id)
    else:
        vendors = Q(vendor_id__in=program_vendors([program.pk]).values("pk"))
    return User.objects.filter(is_active=True).filter(
        Q(pk__in=program_staff([program.pk]).values("pk")) | (Q(vendor__isnull=False) & vendors)
    )


def incident_lessons(user, q: str = ""):
    """Reviewed incidents with their lessons learned, newest first, that the user may see;
    `q` searches the lessons, root cause and title. Issue 6's lessons-learned library can read these."""
    from django.db.models import Q

    from .models import Incident

    rows = Incident.objects.visible_to(user).filter(reviewed_at__isnull=False).exclude(lessons_learned="")
    if q.strip():
        term = q.strip()
        rows = rows.filter(
            Q(lessons_learned__icontains=term) | Q(root_cause__icontains=term) | Q(title__icontains=term)
        )
    return rows.select_related("program").order_by("-reviewed_at")


# --- the register as it was on a day -----------------------------------------------------

_HISTORY_FIELDS = ("status", "residual_level", "inherent_level")


def risk_levels_on(risks, day) -> dict[int, str]:
    """The risks of the queryset `risks` that were open on `day`, with their level that day
    ({pk: level}, the residual level, else the inherent one; "" when not assessed yet).

    Two queries, whatever the number of risks:
    - existed: created on or before `day` (local dates, as every date of the app);
    - status: from the audit log, the last change of status on or before `day`; without one,
      the status before the first later change (a risk closed after `day` was open that day);
      never changed, the current status;
    - level: the latest assessment (RiskReview) on or before `day`, unless the audit log
      records a later change of the levels on or before `day` (scores changed outside a review,
      e.g. in the admin). Without any review on or before `day`: the levels the audit log gives
      for that day (the level before the first later change: a risk first reviewed later was
      not assessed yet); without any recorded change, the current levels (scores set when the
      risk was loaded, e.g. by a bulk import, with no review nor audit entry).
    A risk belongs to the queryset by its current program and contract.

    On today, this is the register as it is now: the current status and levels are the last
    ones the audit log and the reviews recorded.
    """
    boundary = timezone.make_aware(datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min))
    existing = risks.filter(created_at__lt=boundary).order_by()
    review = RiskReview.objects.filter(risk=OuterRef("pk"), reviewed_at__lt=boundary).order_by("-reviewed_at", "-pk")
    rows = existing.annotate(
        review_at=Subquery(review.values("reviewed_at")[:1]),
        review_level=Subquery(review.values("residual_level")[:1]),
        review_inherent=Subquery(review.values("inherent_level")[:1]),
    ).values_list("pk", "status", "residual_level", "inherent_level", "review_at", "review_level", "review_inherent")
    history = logged_changes(Risk, existing.values("pk"), _HISTORY_FIELDS)
    levels = {}
    for pk, status, residual, inherent, review_at, review_residual, review_inherent in rows:
        changes = history.get(pk, [])
        if value_on(changes, "status", boundary, status)[0] != RiskStatus.OPEN:
            continue
        residual_then, residual_at = value_on(changes, "residual_level", boundary, residual)
        inherent_then, inherent_at = value_on(changes, "inherent_level", boundary, inherent)
        logged_at = max((t for t in (residual_at, inherent_at) if t is not None), default=None)
        if review_at is not None and (logged_at is None or review_at >= logged_at):
            levels[pk] = review_residual or review_inherent
        else:
            levels[pk] = residual_then or inherent_then
    return levels
