"""Reads of the risk records for pages, other apps and the portal."""

from django.db.models import Count

from .choices import Level, RiskStatus
from .models import CorrectiveAction, Risk
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
    """Vendors tied to a program (through its contracts, risks and plans): whose users may own its actions."""
    from contracts.models import Contract

    from .models import ContingencyPlan

    ids = set(Contract.objects.filter(program=program).values_list("vendor_id", flat=True))
    ids |= set(Risk.objects.filter(program=program, vendor__isnull=False).values_list("vendor_id", flat=True))
    for row in ContingencyPlan.objects.filter(program=program).values_list("vendor_id", "backup_vendor_id"):
        ids |= {v for v in row if v}
    return ids


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
