"""Helpers the builders share: the report's months and its visible scope."""

from datetime import date

from django.core.exceptions import ObjectDoesNotExist


def months(start: date, end: date) -> list[date]:
    """First days of the months from start to end, inclusive."""
    out, current = [], start.replace(day=1)
    while current <= end:
        out.append(current)
        current = date(current.year + current.month // 12, current.month % 12 + 1, 1)
    return out


def month_after(month: date) -> date:
    return date(month.year + month.month // 12, month.month % 12 + 1, 1)


def visible_or_gone(model, user, pk):
    """The record if the requester still sees it; otherwise the report fails (it never
    falls back to data the requester cannot open)."""
    from . import ScopeGone

    try:
        return model.objects.visible_to(user).get(pk=pk)
    except ObjectDoesNotExist as exc:
        raise ScopeGone(model._meta.verbose_name) from exc


def program_scope(report, user, queryset, path: str = "program"):
    """(rows, program): the visible rows, narrowed to the report's program when it has one
    (which the requester must still see), and that program or None."""
    if not report.program_id:
        return queryset, None
    from strategy.models import Program

    program = visible_or_gone(Program, user, report.program_id)
    return queryset.filter(**{path: program.pk}), program


def period_of(report, default_months: int = 12) -> tuple[date, date]:
    """The report's [first month, last month]; by default the last `default_months` months to this one."""
    from django.utils import timezone

    if report.period_start:
        return report.period_start, report.period_end or report.period_start
    today = timezone.localdate().replace(day=1)
    start = today
    for _ in range(default_months - 1):
        start = date(start.year - (start.month == 1), (start.month - 2) % 12 + 1, 1)
    return start, today
