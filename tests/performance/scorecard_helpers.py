"""Builders for scorecard tests: a template, a finalized period with results, a drafted scorecard."""

from datetime import date
from decimal import Decimal as D

from django.utils import timezone

from performance.models import Period, Result, ScorecardCriterion, ScorecardTemplate
from tests.contracts.factories import ContractFactory

from .helpers import level

CRITERIA = [
    ("Service levels", "sla_attainment", 40),
    ("Reviewers", "reviewer_rating", 30),
    ("Budget", "budget_adherence", 20),
    ("Innovation", "manual", 10),
]


def template(program=None, criteria=CRITERIA, **kwargs):
    tpl = ScorecardTemplate.objects.create(name="Standard", program=program, **kwargs)
    for i, (name, kind, weight) in enumerate(criteria):
        ScorecardCriterion.objects.create(template=tpl, name=name, kind=kind, weight=D(weight), order=i)
    return tpl


def finalized_period(cast, states=("met", "minor", "breach", "insufficient"), vendor=None, program=None):
    contract = ContractFactory(
        program=program or cast.program_a, vendor=vendor or cast.vendor_x, status="active", terms_version=1
    )
    period = Period.objects.create(
        contract=contract, kind="monthly", start=date(2026, 1, 1), end=date(2026, 2, 1), status="finalized"
    )
    for i, state in enumerate(states):
        sl = level(contract, f"SL{i}")
        Result.objects.create(
            period=period,
            service_level=sl,
            value=D("80"),
            sample_count=10,
            state=state,
            expected=sl.expected,
            minimum=sl.minimum,
            direction=sl.direction,
            computed_at=timezone.now(),
        )
    return period
