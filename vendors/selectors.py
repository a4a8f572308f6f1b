"""Reads of the evaluation: the comparison matrix, built from the visible rows only."""

from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, Prefetch
from django.utils.translation import gettext as _

from .models import DueDiligence, EvaluatorAssignment, Proposal, RequirementCheck, Score
from .scoring import CriterionIn, ProposalIn, rank_proposals


def evaluator_is_blind(event, user) -> bool:
    """An assigned evaluator who has not submitted their sheet sees no one else's scores."""
    return EvaluatorAssignment.objects.filter(event=event, user=user, submitted_at__isnull=True).exists()


def evaluation_matrix(event, user) -> dict:
    """The ranked comparison: per proposal the points per criterion, total, rank, consensus
    flags, disqualification and due diligence. Counts the submitted score sheets only.

    Sealed before the deadline: `Proposal.objects.visible_to` gives staff nothing then, so the
    matrix is empty. An evaluator still scoring gets `blind=True` and no rows.
    """
    criteria = list(event.criteria.all())
    blind = evaluator_is_blind(event, user)
    proposals = []
    if not blind:
        proposals = list(
            Proposal.objects.visible_to(user)
            .filter(event=event)
            .select_related("vendor")
            .prefetch_related(
                Prefetch("checks", queryset=RequirementCheck.objects.select_related("requirement")),
                Prefetch("diligence", queryset=DueDiligence.objects.prefetch_related("kpis")),
            )
        )
    scores = defaultdict(list)
    for s in Score.objects.visible_to(user).filter(
        proposal__in=[p.pk for p in proposals], assignment__submitted_at__isnull=False
    ):
        scores[(s.proposal_id, s.criterion_id)].append(s.score)
    disqualified = {p.pk: any(not c.passed for c in p.checks.all()) for p in proposals}
    rows = rank_proposals(
        criteria=[CriterionIn(c.pk, c.weight, c.is_price) for c in criteria],
        proposals=[ProposalIn(p.pk, p.price, disqualified[p.pk]) for p in proposals],
        scores=scores,
    )
    by_id = {p.pk: p for p in proposals}
    out = []
    for row in rows:
        proposal = by_id[row.proposal_id]
        diligence = list(proposal.diligence.all())
        dd_scores = [d.score for d in diligence]
        out.append(
            {
                "proposal": proposal,
                "row": row,
                "cells": [
                    {
                        "criterion": c,
                        "points": row.points.get(c.pk),
                        "mean": row.means.get(c.pk),
                        "spread": row.spreads.get(c.pk),
                        "flagged": c.pk in row.flags,
                        "missing": c.pk in row.missing,
                    }
                    for c in criteria
                ],
                "failed": [c.requirement for c in proposal.checks.all() if not c.passed],
                "diligence": diligence,
                "diligence_mean": (sum(dd_scores) / len(dd_scores)).quantize(Decimal("0.1")) if dd_scores else None,
            }
        )
    sheets = EvaluatorAssignment.objects.filter(event=event).aggregate(
        total=Count("pk"), submitted=Count("submitted_at")
    )
    return {
        "criteria": criteria,
        "rows": out,
        "blind": blind,
        "sheets": sheets,
        "flag_count": sum(len(r["row"].flags) for r in out),
    }


def matrix_export_rows(matrix) -> tuple[list, list]:
    """Headers and rows of the comparison for the XLSX/CSV export (the same numbers as the page)."""
    headers = [_("Rank"), _("Vendor"), _("Price")]
    headers += [f"{c.name} ({c.weight})" for c in matrix["criteria"]]
    headers += [_("Total"), _("Disqualified"), _("Consensus flags"), _("Due diligence (mean)")]
    rows = []
    for item in matrix["rows"]:
        row = item["row"]
        flags = ", ".join(c["criterion"].name for c in item["cells"] if c["flagged"])
        rows.append(
            [row.rank, str(item["proposal"].vendor), row.price]
            + [c["points"] for c in item["cells"]]
            + [row.total, _("Yes") if row.disqualified else "", flags, item["diligence_mean"]]
        )
    return headers, rows
