"""Builders for engine tests: a signed contract in a program's time zone, service levels, samples."""

from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from contracts.models import ServiceLevel
from delivery.models import Sample
from tests.contracts.factories import ContractFactory
from tests.factories import ProgramFactory

D = Decimal


def signed_contract(*, tz="UTC", fee="100000.00", at_risk="10", **kwargs):
    program = ProgramFactory(time_zone=tz)
    return ContractFactory(
        program=program, status="active", monthly_fee=D(fee), at_risk_pct=D(at_risk), terms_version=1, **kwargs
    )


def level(contract, code, **kwargs):
    defaults = {
        "name": code,
        "kind": "sla",
        "measure": "average",
        "direction": "higher",
        "expected": D("80"),
        "minimum": D("75"),
        "allocation_pct": D("0"),
        "min_samples": 1,
    }
    defaults.update(kwargs)
    for key in ("expected", "minimum", "allocation_pct", "threshold", "percentile"):
        if key in defaults and defaults[key] is not None:
            defaults[key] = D(str(defaults[key]))
    return ServiceLevel.objects.create(contract=contract, code=code, **defaults)


def at(y, m, d, hh=12, mm=0, ss=0, tz="UTC"):
    return datetime(y, m, d, hh, mm, ss, tzinfo=ZoneInfo(tz))


def samples(sl, values, *, when=None, excluded=()):
    """Adds samples with the given values, one minute apart from `when` (default 2026-01-10 12:00 UTC)."""
    from datetime import timedelta

    start = when or at(2026, 1, 10)
    Sample.objects.bulk_create(
        [
            Sample(
                service_level=sl,
                measured_at=start + timedelta(minutes=i),
                reference=f"{sl.code}-{start:%Y%m%d%H%M}-{i}",
                value=D(str(v)),
                excluded=i in excluded,
            )
            for i, v in enumerate(values)
        ]
    )


def percent_within_samples(sl, within, total, when=None):
    """`total` samples of which `within` are at or below the threshold (values 10 and 99)."""
    samples(sl, [10] * within + [99] * (total - within), when=when)
