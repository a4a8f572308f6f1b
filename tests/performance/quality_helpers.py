"""Builders for quality tests: a standard of program A, an audit of the cast's contract."""

from datetime import date
from decimal import Decimal as D

from performance.quality import services
from tests.contracts.factories import contract_of_a


def standard(cast, acceptance="0.5", **kwargs):
    data = {
        "process": "Invoice processing",
        "metric": "Invoice accuracy",
        "target": D("99.5"),
        "direction": "higher",
        "unit": "%",
        "acceptance_level": D(acceptance),
    }
    data.update(kwargs)
    return services.standard_create(by=cast.manager, program=cast.program_a, **data)


def audit(cast, std, *, sample=200, defects=1, end=date(2026, 1, 31), contract=None, **kwargs):
    data = {
        "period_start": end.replace(day=1),
        "period_end": end,
        "audited_on": end,
        "sample_size": sample,
        "defects": defects,
    }
    data.update(kwargs)
    return services.audit_record(by=cast.contributor, standard=std, contract=contract or contract_of_a(cast), **data)
