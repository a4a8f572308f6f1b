"""The strategy stage's numbers on the home page (see bpo/core/dashboard.py for the contract)."""

from collections import Counter

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from bpo.core.dashboard import EXECUTIVE, MANAGER, Cell, ProgramColumn, Tile, list_url, page_memo, visible_phases

from .choices import PHASE_ORDER, Phase


def tiles(user, audiences, programs):
    """Executives: the portfolio by phase. Managers: the gates ahead of their programs."""
    out = []
    if EXECUTIVE in audiences or MANAGER in audiences:
        by_phase = Counter(visible_phases(programs).values())
        if EXECUTIVE in audiences:
            for value, label in Phase.choices:
                out.append(
                    Tile(
                        label,
                        by_phase.get(value, 0),
                        list_url("strategy:program_list", {"phase": value}),
                        audience=EXECUTIVE,
                        key=f"phase-{value}",
                    )
                )
        if MANAGER in audiences:
            pending = sum(n for phase, n in by_phase.items() if phase != PHASE_ORDER[-1])
            out.append(
                Tile(
                    _("Gates ahead"),
                    pending,
                    list_url("strategy:program_list", {"ordering": "phase"}),
                    note=_("programs before their last phase"),
                    audience=MANAGER,
                    key="gates-pending",
                )
            )
    return out


def program_columns(user, audiences, program_ids):
    """The gate each program is working towards, linking to its checklist."""
    from .models import Program

    labels = dict(Phase.choices)
    cells = {}
    known = (page_memo() or {}).get("programs", {})
    if all(pk in known for pk in program_ids):
        phases = [(pk, known[pk]) for pk in program_ids]
    else:
        phases = Program.objects.filter(pk__in=program_ids).values_list("pk", "phase")
    for pk, phase in phases:
        index = PHASE_ORDER.index(phase)
        if index + 1 < len(PHASE_ORDER):
            target = labels[PHASE_ORDER[index + 1]]
            cells[pk] = Cell(target, reverse("strategy:program_detail", args=[pk]) + "#h-gates")
        else:
            cells[pk] = Cell("—")
    return [ProgramColumn(_("Next gate"), cells, key="next-gate")]
