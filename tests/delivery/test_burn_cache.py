"""The home page's budget burn is kept in the shared cache under the programs' burn stamps
(delivery/burn_cache.py): a second computed home page does not sum the invoices again, and every
write that changes what a program's burn sums (an invoice, a budget line, a cost entry, a contract's
currency or program, the program's currency) is seen at once; a rolled-back write changes nothing;
a program without a stamp is always summed."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.db.models import Sum
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bpo.core.dashboard import one_page, page_memo, visible_phases
from delivery.dashboard import burn
from delivery.models import BurnStamp, CostEntry, Invoice
from strategy.models import BudgetLine, Program
from tests.core.test_dashboards import world

D = Decimal
SUM_SQL = 'SUM("delivery_invoice"."net_amount")'


def _home_burn(user):
    """(the burn of every program the user sees as the home page computes it, whether it summed)."""
    with one_page():
        ids = list(visible_phases(Program.objects.visible_to(user)))
        with CaptureQueriesContext(connection) as ctx:
            figures = burn(ids, page_memo())
    return figures, any(SUM_SQL in q["sql"] for q in ctx.captured_queries)


def _plain(user):
    return burn(list(Program.objects.visible_to(user).values_list("pk", flat=True)))


@pytest.fixture
def both(cast):
    a = world(cast, cast.program_a)
    b = world(cast, cast.program_b, vendor=cast.vendor_y)
    cast.contract_a, cast.contract_b = a["contract"], b["contract"]
    return cast


def test_the_second_computed_home_does_not_sum_the_invoices_again(both, client):
    client.force_login(both.admin)
    pages = []
    for _ in range(2):
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(reverse("core:home") + "?refresh=1")
        assert response.status_code == 200
        pages.append((response.content.decode(), sum(SUM_SQL in q["sql"] for q in ctx.captured_queries)))
    (first, first_sums), (second, second_sums) = pages
    assert (first_sums, second_sums) == (1, 0)
    assert "80%" in first and "80%" in second  # the tile and the programs table, the same figures
    figures, summed = _home_burn(both.admin)
    assert not summed and figures == _plain(both.admin)


def _new_invoice(cast):
    Invoice.objects.create(
        contract=cast.contract_a,
        number="I-9",
        period=date.today().replace(day=1),
        status="approved",
        gross_amount=D("100"),
        net_amount=D("100"),
        submitted_by=cast.vendor_x_admin,
    )


def _invoice_approved(cast):
    invoice = Invoice.objects.get(contract=cast.contract_a, number="I-2")
    invoice.status, invoice.net_amount = "approved", D("100")
    invoice.save(update_fields=["status", "net_amount"])


def _invoice_deleted(cast):
    Invoice.objects.filter(contract=cast.contract_a, number="I-1").get().delete()


def _budget_line_added(cast):
    BudgetLine.objects.create(
        program=cast.program_a, category="staff", period=f"{date.today().year}", planned_amount=D("1000")
    )


def _budget_line_deleted(cast):
    BudgetLine.objects.filter(program=cast.program_a).get().delete()


def _cost_entry(cast):
    return CostEntry.objects.create(
        program=cast.program_a,
        category="staff",
        period=date.today().replace(day=1),
        amount=D("50"),
        description="Staff",
        created_by=cast.manager,
    )


def _cost_entry_deleted(cast):
    entry = _cost_entry(cast)
    kept, _summed = _home_burn(cast.admin)  # kept with the entry
    entry.delete()
    return kept


def _contract_currency(cast):
    cast.contract_a.currency = "EUR"  # no longer the program's: its invoices stop counting
    cast.contract_a.save()


def _contract_moved(cast):
    cast.contract_a.program = cast.program_b
    cast.contract_a.save()


def _program_currency(cast):
    program = Program.objects.get(pk=cast.program_a.pk)
    program.currency = "EUR"
    program.save()


@pytest.mark.parametrize(
    "write",
    [
        _new_invoice,
        _invoice_approved,
        _invoice_deleted,
        _budget_line_added,
        _budget_line_deleted,
        _cost_entry,
        _cost_entry_deleted,
        _contract_currency,
        _contract_moved,
        _program_currency,
    ],
)
def test_a_write_is_seen_at_once(both, write):
    before, _summed = _home_burn(both.admin)
    assert _home_burn(both.admin) == (before, False)  # kept
    before = write(both) or before  # (what was kept just before the change)
    after, summed = _home_burn(both.admin)
    assert summed and after == _plain(both.admin) and after != before
    assert _home_burn(both.admin) == (after, False)  # and kept again


def test_a_rolled_back_write_leaves_the_kept_figures_right(both):
    before, _summed = _home_burn(both.admin)
    with pytest.raises(RuntimeError), transaction.atomic():
        _new_invoice(both)
        assert _home_burn(both.admin)[0] != before  # inside the transaction: the new invoice counts
        raise RuntimeError
    assert _home_burn(both.admin) == (before, False) and before == _plain(both.admin)


def test_a_program_without_a_stamp_is_always_summed(both):
    BurnStamp.objects.filter(program=both.program_a).delete()
    _home_burn(both.admin)
    assert _home_burn(both.admin)[1]
    # its invoices summed around the ORM (no signal) are seen
    Invoice.objects.filter(contract=both.contract_a, number="I-1").update(net_amount=D("900"))
    figures, summed = _home_burn(both.admin)
    assert summed and figures[both.program_a.pk]["actual"] == D("900")


def test_a_new_program_has_a_stamp_and_each_user_reads_only_their_programs(both):
    program = Program.objects.create(code="NEW", name="New", currency="USD")
    assert BurnStamp.objects.filter(program=program).exists()
    manager, _summed = _home_burn(both.manager)
    admin, _summed = _home_burn(both.admin)
    visible = set(Program.objects.visible_to(both.manager).values_list("pk", flat=True))
    assert set(manager) == visible and set(admin) > visible
    assert all(manager[pk] == admin[pk] for pk in visible)
    total = Invoice.objects.filter(contract__program=both.program_a, status="approved").aggregate(n=Sum("net_amount"))
    assert manager[both.program_a.pk]["actual"] == total["n"]
