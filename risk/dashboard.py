"""The risk stage's numbers on the home page (see bpo/core/dashboard.py for the contract)."""

from django.db.models import F
from django.utils.translation import gettext_lazy as _

from bpo.core.dashboard import (
    EXECUTIVE,
    MANAGER,
    MEMBER,
    Cell,
    ListPanel,
    Tile,
    count_column,
    filtered,
    list_tile,
    list_url,
    per_program,
)

from .filtersets import ActionFilterSet, RiskFilterSet
from .models import CorrectiveAction, Risk

OVERDUE = {"overdue": "true"}
CRITICAL = {"status": "open", "residual_level": "critical"}
TOP = {"status": "open", "ordering": "-residual_score"}


def tiles(user, audiences, programs):
    """Overdue corrective actions (managers, executives) and open critical risks (executives, managers)."""
    out = []
    if MEMBER in audiences:
        out.append(
            list_tile(
                _("Overdue corrective actions"),
                url_name="risk:action_list",
                filterset_class=ActionFilterSet,
                queryset=CorrectiveAction.objects.visible_to(user),
                params=OVERDUE,
                user=user,
                audience=MEMBER,
                key="actions-overdue",
                alert="bad",
            )
        )
    for audience in (MANAGER, EXECUTIVE):
        if audience not in audiences:
            continue
        out.append(
            list_tile(
                _("Overdue corrective actions"),
                url_name="risk:action_list",
                filterset_class=ActionFilterSet,
                queryset=CorrectiveAction.objects.visible_to(user),
                params=OVERDUE,
                user=user,
                audience=audience,
                key="actions-overdue",
                alert="bad",
            )
        )
        out.append(
            list_tile(
                _("Critical risks"),
                url_name="risk:risk_list",
                filterset_class=RiskFilterSet,
                queryset=Risk.objects.visible_to(user),
                params=CRITICAL,
                user=user,
                audience=audience,
                key="risks-critical",
                alert="bad",
            )
        )
    return out


def program_columns(user, audiences, program_ids):
    """Per program: overdue corrective actions and open critical risks, each linking to its list
    (managers, executives: finance reads no program's risks but as a member, bpo.core.scoping, and
    would read a column of zeros)."""
    if not audiences & {MANAGER, EXECUTIVE}:
        return []
    actions = per_program(ActionFilterSet, CorrectiveAction.objects.visible_to(user), OVERDUE, user, program_ids)
    risks = per_program(RiskFilterSet, Risk.objects.visible_to(user), CRITICAL, user, program_ids)

    def cell(url_name, params):
        return lambda pk, n: Cell(n, list_url(url_name, {**params, "program": pk}), "bad" if n else "")

    return [
        count_column(
            _("Overdue corrective actions"),
            actions,
            program_ids,
            cell("risk:action_list", OVERDUE),
            key="actions-overdue",
        ),
        count_column(_("Critical risks"), risks, program_ids, cell("risk:risk_list", CRITICAL), key="risks-critical"),
    ]


def panels(user, audiences, programs):
    """The five open risks with the highest residual score (managers and executives)."""
    if not audiences & {MANAGER, EXECUTIVE}:
        return []
    risks = (
        filtered(RiskFilterSet, Risk.objects.visible_to(user), TOP, user)
        .filter(residual_score__isnull=False)
        .order_by(F("residual_score").desc(), "pk")
        .select_related("program")[:5]
    )
    rows = [
        (
            f"{risk.reference} {risk.title}",
            risk.get_absolute_url(),
            f"{risk.program.code} · {risk.get_residual_level_display()} ({risk.residual_score})",
        )
        for risk in risks
    ]
    return [ListPanel(_("Top risks"), rows, list_url("risk:risk_list", TOP), key="top-risks")]


def portal_tiles(user):
    """The corrective actions assigned to the vendor still open or in progress (its Corrective actions page)."""
    from .choices import ACTION_WORKING

    count = CorrectiveAction.objects.for_vendor(user.vendor_id).filter(status__in=ACTION_WORKING).count()
    return [Tile(_("Open corrective actions"), count, list_url("portal:capa_list"), key="portal-actions")]
