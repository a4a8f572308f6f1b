"""The charter revision comparison prints amounts grouped as every other page does (100,000.00,
the money filter) and other numbers with the number filter (12,000, 3.5), in the reader's
language; the snapshot keeps the plain stored value."""

from decimal import Decimal

from django.urls import reverse
from django.utils import translation

from strategy.models import BudgetLine, CharterRevision, Program
from strategy.services import charter_item_create, charter_item_update, program_revise
from strategy.services.charter import charter_compare, charter_snapshot
from tests.strategy.test_charter_services import approved_charter


def _revision_two(cast):
    approved_charter(cast)  # budget line of 100000 (vendor fees, 2027)
    program_revise(program=cast.program_a, by=cast.manager)
    line = BudgetLine.objects.get(program=cast.program_a)
    charter_item_update(item=line, by=cast.manager, planned_amount=Decimal("1250000.5"))
    charter_item_create(
        program=cast.program_a,
        kind="scope",
        by=cast.manager,
        process="Payroll",
        volume=Decimal("12000"),
        current_fte=Decimal("3.50"),
    )
    return Program.objects.get(pk=cast.program_a.pk)


def test_compare_groups_amounts_and_numbers(cast):
    program = _revision_two(cast)
    first = CharterRevision.objects.get(program=program, number=1)
    now = charter_snapshot(program)
    assert now["sections"]["budget"]["rows"][0][2] == "1250000.50"  # stored plain
    diff = {s["kind"]: s for s in charter_compare(first.snapshot, now)["sections"]}
    changed = [(c["old"], c["new"]) for c in diff["budget"]["changed"][0] if c["changed"]]
    assert changed == [("100,000.00", "1,250,000.50")]
    # The scope row added shows its volume grouped and its FTEs without trailing zeros.
    added = dict(zip(now["sections"]["scope"]["fields"], diff["scope"]["added"][0], strict=True))
    assert added["volume"] == "12,000" and added["current_fte"] == "3.5"


def test_compare_page_shows_grouped_amounts(cast, client):
    program = _revision_two(cast)
    client.force_login(cast.manager)
    html = client.get(reverse("strategy:charter_compare", args=[program.pk]), {"a": 1}).content.decode()
    assert "100,000.00" in html and "1,250,000.50" in html
    assert "100000.00" not in html


def test_compare_follows_the_readers_language(cast):
    program = _revision_two(cast)
    first = CharterRevision.objects.get(program=program, number=1)
    with translation.override("zh-hans"):
        diff = {s["kind"]: s for s in charter_compare(first.snapshot, charter_snapshot(program))["sections"]}
    changed = [(c["old"], c["new"]) for c in diff["budget"]["changed"][0] if c["changed"]]
    assert changed == [("100,000.00", "1,250,000.50")]
