"""A scheduled run covers fixed months, worked out from the period it is for: finance and SLA
results that month, vendor performance the 12 months ending with it; the kinds that take no months
(program status, contract summary, risk register, contract register) carry none. Running the job
again creates nothing new, and a run generated later covers the same months as the first."""

from datetime import date

import pytest

from bpo.reports import services
from bpo.reports.builders import sla as sla_builder
from bpo.reports.builders import vendor as vendor_builder
from bpo.reports.builders.common import period_of
from bpo.reports.models import ReportRequest
from tests.contracts.factories import contract_of_a

from .test_vendor_report import _month, _period, _vendor_x_history

WEDNESDAY = date(2026, 11, 11)  # monthly runs are for October; the week of Monday 9 November for November
OCTOBER, NOVEMBER = date(2026, 10, 1), date(2026, 11, 1)

# kind -> (the months of a monthly run, of a weekly run), on WEDNESDAY.
EXPECTED = {
    "finance": ((OCTOBER, OCTOBER), (NOVEMBER, NOVEMBER)),
    "sla_results": ((OCTOBER, OCTOBER), (NOVEMBER, NOVEMBER)),
    "vendor_performance": ((date(2025, 11, 1), OCTOBER), (date(2025, 12, 1), NOVEMBER)),
    "program_status": ((None, None), (None, None)),
    "contract_summary": ((None, None), (None, None)),
    "risk_register": ((None, None), (None, None)),
    "contract_register": ((None, None), (None, None)),
}


def _scope(cast, kind):
    return {
        "program_status": {"program": cast.program_a},
        "vendor_performance": {"vendor": cast.vendor_x},
        "contract_summary": {"contract": contract_of_a(cast)},
    }.get(kind, {})


@pytest.mark.django_db  # no generation (on_commit never runs): only the requests are checked
@pytest.mark.parametrize("kind", list(EXPECTED))
def test_each_kind_and_frequency_gets_the_months_of_its_period(cast, kind):
    fmt = "xlsx" if kind == "sla_results" else "pdf"
    schedules = {
        frequency: services.schedule_create(
            by=cast.manager, kind=kind, frequency=frequency, fmt=fmt, **_scope(cast, kind)
        )
        for frequency in ("monthly", "weekly")
    }
    runs = services.run_schedules(today=WEDNESDAY)
    assert len(runs) == 2
    monthly, weekly = EXPECTED[kind]
    got = {r.schedule_id: (r.period_start, r.period_end) for r in ReportRequest.objects.all()}
    assert got == {schedules["monthly"].pk: monthly, schedules["weekly"].pk: weekly}
    # The same day again (the hourly job): the same requests, nothing new.
    again = services.run_schedules(today=WEDNESDAY)
    assert sorted(r.pk for r in again) == sorted(r.pk for r in runs)
    assert ReportRequest.objects.count() == 2


def test_scheduled_period_of_each_kind():
    assert services.scheduled_period("vendor_performance", date(2026, 1, 1)) == (date(2025, 2, 1), date(2026, 1, 1))
    assert services.scheduled_period("vendor_performance", date(2026, 12, 1)) == (date(2026, 1, 1), date(2026, 12, 1))
    assert services.scheduled_period("finance", date(2026, 3, 1)) == (date(2026, 3, 1), date(2026, 3, 1))
    assert services.scheduled_period("sla_results", date(2026, 3, 1)) == (date(2026, 3, 1), date(2026, 3, 1))
    assert services.scheduled_period("risk_register", date(2026, 3, 1)) == (None, None)


@pytest.mark.django_db
def test_a_year_of_months_passes_the_request_validation(cast):
    start, end = services.scheduled_period("vendor_performance", OCTOBER)
    report = services.report_request(
        by=cast.manager, kind="vendor_performance", vendor=cast.vendor_x, period_start=start, period_end=end
    )
    assert (report.period_start, report.period_end) == (date(2025, 11, 1), OCTOBER)
    assert report.period_label == "2025-11 – 2026-10"


@pytest.mark.django_db
def test_a_run_generated_later_covers_the_same_months(cast, monkeypatch):
    """The vendor report scheduled for October 2026 and generated months later (a retry, a worker
    that restarted) covers November 2025 to October 2026, not the 12 months before its generation."""
    contract = _vendor_x_history(cast)  # August, September, October 2026
    _period(contract, _month(2026, 11), value="84.4400")  # after the month the run is for
    _period(contract, _month(2027, 1), value="85.5500")
    for kind, scope in (("vendor_performance", {"vendor": cast.vendor_x}), ("sla_results", {})):
        services.schedule_create(
            by=cast.manager, kind=kind, frequency="monthly", fmt="xlsx" if kind == "sla_results" else "pdf", **scope
        )
    first = {r.kind: r for r in services.run_schedules(today=date(2026, 11, 2))}
    vendor_report, sla_report = first["vendor_performance"], first["sla_results"]

    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: date(2027, 2, 15))
    assert period_of(vendor_report) == (date(2025, 11, 1), OCTOBER)
    assert vendor_builder.window_of(vendor_report) == {"start": date(2025, 11, 1), "end": NOVEMBER}
    data = vendor_builder.collect(vendor_report, cast.manager)
    labels = [p["label"] for row in data["contracts"] for level in row["levels"] for p in level["points"]]
    assert labels == ["2026-08", "2026-09", "2026-10"]  # neither November 2026 nor January 2027
    headers, rows = sla_builder.rows(sla_report, cast.manager)
    assert [row[6] for row in rows] == ["2026-10-01"]  # the Start column: October's result only
    # Without fixed months the same report would have followed the day of its generation.
    unfixed = ReportRequest(kind="vendor_performance", vendor=cast.vendor_x, requested_by=cast.manager)
    assert period_of(unfixed) == (date(2026, 3, 1), date(2027, 2, 1))

    # The job later in the month finds the same runs; nothing new.
    again = services.run_schedules(today=date(2026, 11, 20))
    assert sorted(r.pk for r in again) == sorted([vendor_report.pk, sla_report.pk])
    assert ReportRequest.objects.count() == 2
