"""SLA results as a table (XLSX or CSV): every result of the service levels the requester sees
(optionally of one program or contract, within the report's months), with its levels and state."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from contracts.models import Contract
from performance.models import Result
from strategy.models import Program

from .common import month_after, visible_or_gone

HEADERS = (
    gettext_lazy("Program"),
    gettext_lazy("Contract"),
    gettext_lazy("Vendor"),
    gettext_lazy("Service level"),
    gettext_lazy("Name"),
    gettext_lazy("Period"),
    gettext_lazy("Start"),
    gettext_lazy("Value"),
    gettext_lazy("Unit"),
    gettext_lazy("Expected level"),
    gettext_lazy("Minimum level"),
    gettext_lazy("State"),
    gettext_lazy("Samples"),
    gettext_lazy("Excluded samples"),
    gettext_lazy("Final"),
)


def rows(report, user):
    """(headers, rows): one row per result, oldest period first."""
    results = Result.objects.visible_to(user)
    if report.program_id:
        results = results.filter(period__contract__program=visible_or_gone(Program, user, report.program_id))
    if report.contract_id:
        results = results.filter(period__contract=visible_or_gone(Contract, user, report.contract_id))
    if report.period_start:
        end = month_after(report.period_end or report.period_start)
        results = results.filter(period__start__gte=report.period_start, period__start__lt=end)
    results = results.select_related("period__contract__program", "period__contract__vendor", "service_level").order_by(
        "period__contract__number", "service_level__code", "period__kind", "period__start"
    )
    headers = [str(h) for h in HEADERS]
    data = (
        [
            r.period.contract.program.code,
            r.period.contract.number,
            str(r.period.contract.vendor),
            r.service_level.code,
            r.service_level.name,
            r.period.label,
            r.period.start.isoformat(),
            r.value,
            r.service_level.unit,
            r.expected,
            r.minimum,
            str(r.get_state_display()),
            r.sample_count,
            r.excluded_count,
            _("yes") if r.period.status == "finalized" else _("no"),
        ]
        for r in results.iterator(chunk_size=2000)
    )
    return headers, data


def sla_bytes(report, user, progress=lambda pct: None) -> bytes:
    from bpo.core.export import export_response

    headers, data = rows(report, user)
    progress(50)
    response = export_response(
        fmt=report.fmt, filename="sla-results", headers=headers, rows=data, sheet=_("SLA results")
    )
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content
