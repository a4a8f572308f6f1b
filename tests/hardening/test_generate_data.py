"""generate_data: the small set loads, is deterministic, and is refused a second time."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from bpo.core import synthetic


def _snapshot():
    from contracts.models import Contract
    from delivery.models import Sample
    from risk.models import Risk

    return (
        list(Contract.objects.order_by("number").values_list("number", "monthly_fee")[:50]),
        list(Risk.objects.order_by("title").values_list("title", "inherent_score")[:50]),
        Sample.objects.count(),
    )


FIRST_RUN = []
TINY = synthetic.Scale(
    programs=3, vendors=6, contracts=6, events=3, proposals_per_event=2, tasks=30, risks=12, invoices=12, samples=480
)


def test_small_scale_creates_every_kind_and_is_refused_twice(db, monkeypatch):
    monkeypatch.setitem(synthetic.SCALES, "small", TINY)
    call_command("generate_data", "--scale", "small", stdout=StringIO())
    first = _snapshot()
    from contracts.models import Contract
    from delivery.models import Invoice, Sample
    from strategy.models import Program
    from vendors.models import Proposal

    assert Program.objects.filter(code__startswith="SYN-").count() == 3
    assert Contract.objects.count() == 6 and Invoice.objects.count() == 12 and Proposal.objects.count() == 6
    assert Sample.objects.count() == 480
    with pytest.raises(CommandError, match="already exists"):
        call_command("generate_data", "--scale", "small", stdout=StringIO())
    FIRST_RUN.append(first)


def test_the_same_seed_gives_the_same_rows(db, monkeypatch):
    """Runs after the test above (in a fresh, rolled-back database) and compares."""
    monkeypatch.setitem(synthetic.SCALES, "small", TINY)
    call_command("generate_data", "--scale", "small", stdout=StringIO())
    assert FIRST_RUN and _snapshot() == FIRST_RUN[0]


def test_no_invoice_is_for_a_month_that_has_not_started(db, monkeypatch):
    """Every month of the 24 the invoices cover has started (delivery.invoicing refuses later ones)."""
    from dataclasses import replace
    from datetime import date

    from django.db.models import Max, Min
    from django.utils import timezone

    from delivery.models import Invoice

    monkeypatch.setitem(synthetic.SCALES, "small", replace(TINY, invoices=6 * 24))
    call_command("generate_data", "--scale", "small", stdout=StringIO())
    span = Invoice.objects.aggregate(first=Min("period"), last=Max("period"))
    this_month = timezone.localdate().replace(day=1)
    assert span["last"] == min(this_month, date(synthetic.YEAR, 12, 1))
    assert (span["last"].year * 12 + span["last"].month) - (span["first"].year * 12 + span["first"].month) == 23
