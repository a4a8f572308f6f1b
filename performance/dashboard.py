"""The performance stage's numbers on the home page: SLA breaches and service credits only
(see bpo/core/dashboard.py for the contract)."""

from datetime import date

from django.db.models import Count
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from bpo.core.dashboard import (
    EXECUTIVE,
    FINANCE,
    MANAGER,
    Cell,
    Tile,
    count_by_later,
    count_column,
    count_later,
    list_tile,
    list_url,
)
from bpo.core.money import money_sum
from contracts.choices import ServiceLevelKind

from .choices import CreditStatus, ResultState
from .filtersets import CreditFilterSet
from .models import Credit, Result


def month_bounds(today: date | None = None) -> tuple[date, date]:
    """[first day of this month, first day of the next)."""
    today = today or timezone.localdate()
    first = today.replace(day=1)
    following = date(first.year + (first.month == 12), first.month % 12 + 1, 1)
    return first, following


def breaches_this_month(queryset, today: date | None = None):
    """SLA results in breach, of periods that overlap this month."""
    first, following = month_bounds(today)
    return queryset.filter(
        state=ResultState.BREACH,
        service_level__kind=ServiceLevelKind.SLA,
        period__start__lt=following,
        period__end__gt=first,
    )


def tiles(user, audiences, programs):
    """SLA breaches this month (managers, executives); credits waiting (finance)."""
    out = []
    first, _following = month_bounds()
    if audiences & {MANAGER, EXECUTIVE}:
        count = count_later(breaches_this_month(Result.objects.visible_to(user)))
        for audience in (MANAGER, EXECUTIVE):
            if audience in audiences:
                out.append(
                    Tile(
                        _("SLA breaches this month"),
                        count,
                        # The credits the breaches earned (an SLA with a credit allocation).
                        list_url("performance:credit_list", {"period_from": first.isoformat()}),
                        note=_("the service credits they earned"),
                        alert="bad",
                        audience=audience,
                        key="sla-breaches",
                    )
                )
    if FINANCE in audiences:
        visible = Credit.objects.visible_to(user)
        # Per status and currency (the contract's): amounts in different currencies are never added.
        amounts = {}
        for status, currency, total in (
            visible.filter(status__in=[CreditStatus.PROVISIONAL, CreditStatus.PENDING])
            .order_by("period__contract__currency")
            .values_list("status", "period__contract__currency")
            .annotate(total=money_sum("amount"))
        ):
            amounts.setdefault(status, []).append(f"{currency} {number_format(total or 0, 2, force_grouping=True)}")
        for status, label in (
            (CreditStatus.PROVISIONAL, _("Credits provisional")),
            (CreditStatus.PENDING, _("Credits pending earn-back")),
        ):
            tile = list_tile(
                label,
                url_name="performance:credit_list",
                filterset_class=CreditFilterSet,
                queryset=visible,
                params={"status": status},
                user=user,
                audience=FINANCE,
                key=f"credits-{status}",
            )
            tile.note = _("amount %(amount)s") % {
                "amount": " · ".join(amounts.get(status, [])) or number_format(0, 2, force_grouping=True)
            }
            out.append(tile)
    return out


def program_columns(user, audiences, program_ids):
    """SLA breaches this month per program, each linking (as the tile does) to the credits of the
    program's periods from this month's first day: the credits the breaches earned."""
    if not audiences & {MANAGER, EXECUTIVE}:
        return []
    counts = count_by_later(
        breaches_this_month(Result.objects.visible_to(user)).filter(period__contract__program_id__in=program_ids),
        "period__contract__program_id",
    )

    first = month_bounds()[0].isoformat()

    def cell(pk, n):
        return Cell(n, list_url("performance:credit_list", {"program": pk, "period_from": first}), "bad" if n else "")

    return [count_column(_("SLA breaches this month"), counts, program_ids, cell, key="sla-breaches")]


def portal_tiles(user):
    """The vendor's service levels this month: how many results are met and how many breach."""
    from contracts.models import Contract

    first, following = month_bounds()
    results = Result.objects.visible_to(user).filter(period__start__lt=following, period__end__gt=first)
    states = dict(results.order_by().values_list("state").annotate(n=Count("pk")))
    contracts = list(Contract.objects.visible_to(user).filter(status="active").values_list("pk", flat=True)[:2])
    url = (
        list_url("portal:performance_dashboard", args=[contracts[0]])
        if len(contracts) == 1
        else list_url("portal:contract_list")
    )
    total = sum(states.values())
    return [
        Tile(
            _("Service levels met this month"),
            states.get(ResultState.MET, 0),
            url,
            note=_("of %(total)s measured") % {"total": total},
            key="portal-sl-met",
        ),
        Tile(
            _("Service-level breaches this month"),
            states.get(ResultState.BREACH, 0),
            url,
            tone="bad" if states.get(ResultState.BREACH) else "",
            key="portal-sl-breaches",
        ),
    ]
