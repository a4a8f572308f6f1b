"""The contracts stage's numbers on the home page (see bpo/core/dashboard.py for the contract)."""

from django.utils.translation import gettext_lazy as _

from bpo.accounts.choices import Role
from bpo.core.dashboard import EXECUTIVE, MANAGER, MEMBER, list_tile

from .choices import ContractStatus
from .filtersets import ContractFilterSet
from .models import Contract


def tiles(user, audiences, programs):
    """Active contracts for managers and executives; the contracts waiting in review for legal."""
    visible = Contract.objects.visible_to(user)
    out = []
    for audience in (MANAGER, EXECUTIVE):
        if audience in audiences:
            out.append(
                list_tile(
                    _("Active contracts"),
                    url_name="contracts:contract_list",
                    filterset_class=ContractFilterSet,
                    queryset=visible,
                    params={"status": ContractStatus.ACTIVE},
                    user=user,
                    audience=audience,
                    key="contracts-active",
                )
            )
    if MEMBER in audiences and user.role == Role.LEGAL:
        out.append(
            list_tile(
                _("Contracts in legal review"),
                url_name="contracts:contract_list",
                filterset_class=ContractFilterSet,
                queryset=visible,
                params={"status": ContractStatus.LEGAL_REVIEW},
                user=user,
                audience=MEMBER,
                key="contracts-legal-review",
            )
        )
    return out


def portal_tiles(user):
    """The vendor's own obligations still open (shown on each contract's portal page), and how many
    are overdue: due before today in the contract's program's time zone."""
    from django.db.models import Count

    from bpo.core.dashboard import Tile, list_url
    from bpo.core.zones import due_before_today_q

    from .choices import ObligationStatus, Party
    from .models import Obligation

    counts = (
        Obligation.objects.filter(
            contract__in=Contract.objects.visible_to(user).values("pk"),
            party=Party.VENDOR,
            status=ObligationStatus.OPEN,
        )
        .order_by()
        .aggregate(open=Count("pk"), overdue=Count("pk", filter=due_before_today_q("due_date", "contract__program")))
    )
    return [
        Tile(
            _("Open obligations"),
            counts["open"],
            list_url("portal:contract_list"),
            note=_("%(n)s overdue") % {"n": counts["overdue"]},
            tone="bad" if counts["overdue"] else "",
            key="portal-obligations",
        )
    ]
