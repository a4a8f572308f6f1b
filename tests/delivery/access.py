"""Who may open the measurement and cost pages and endpoints (merged into tests/test_access_matrix.py)."""

from datetime import UTC, date, datetime
from importlib import import_module
from pathlib import Path

from tests.access import (
    CONTENT_READERS_OF_A,
    MONEY_READERS_OF_A,
    NOT_CONTENT_READERS_OF_A,
    NOT_MONEY_READERS_OF_A,
    expect,
    only,
)
from tests.contracts.access import POST_ONLY, VENDOR_X_API
from tests.contracts.factories import SampleFactory, contract_of_a


def _contract(c):
    return {"pk": contract_of_a(c).pk}


def _sample(c):
    sl = contract_of_a(c).service_levels.get()
    return {"pk": SampleFactory(service_level=sl, measured_at=datetime(2026, 1, 5, tzinfo=UTC)).pk}


def _invoice(c):
    from delivery.models import Invoice

    invoice = Invoice.objects.create(
        contract=contract_of_a(c), number="INV-1", period=date(2026, 1, 1), submitted_by=c.vendor_x_admin
    )
    return {"pk": invoice.pk}


EXPECT = {
    # Measurements: the program's content (finance and legal as members only, 404 otherwise).
    "delivery:measurement_list": (_contract, only(CONTENT_READERS_OF_A, **NOT_CONTENT_READERS_OF_A)),
    "delivery:csv_template": (_contract, only(CONTENT_READERS_OF_A, **NOT_CONTENT_READERS_OF_A)),
    "delivery:sample_exclusion": (_sample, POST_ONLY),
    "sample-list": (None, expect(401, 200, 200)),
    "sample-detail": (_sample, expect(401, 200, 200, **NOT_CONTENT_READERS_OF_A, **VENDOR_X_API)),
    "sample-bulk": (None, expect(401, 405, 405)),
    "sample-exclusion": (_sample, expect(401, 405, 405)),
    "portal:measurements": (None, expect(302, 403, 200)),
    "portal:measurement_contract": (_contract, expect(302, 403, 200, vendor_y_admin=404)),
    "portal:measurement_template": (_contract, expect(302, 403, 200, vendor_y_admin=404)),
    # Cost: finance reads all invoices, program staff their programs', vendors their own (404 otherwise;
    # legal reads no program's money but as a member).
    "delivery:invoice_list": (None, expect(302, 200, 403)),
    "delivery:invoice_detail": (_invoice, only(MONEY_READERS_OF_A, **NOT_MONEY_READERS_OF_A)),
    "delivery:invoice_action": (lambda c: {**_invoice(c), "action": "approve"}, POST_ONLY),
    "delivery:program_budget": (lambda c: {"pk": c.program_a.pk}, only(MONEY_READERS_OF_A, **NOT_MONEY_READERS_OF_A)),
    "invoice-list": (None, expect(401, 200, 200)),
    "invoice-detail": (_invoice, expect(401, 200, 200, **NOT_MONEY_READERS_OF_A, **VENDOR_X_API)),
    "invoice-validate": (_invoice, expect(401, 405, 405)),
    "invoice-approve": (_invoice, expect(401, 405, 405)),
    "invoice-dispute": (_invoice, expect(401, 405, 405)),
    "portal:invoices": (None, expect(302, 403, 200)),
    "portal:invoice_create": (_contract, expect(302, 403, 200, vendor_y_admin=404)),
    "portal:invoice_detail": (_invoice, expect(302, 403, 200, vendor_y_admin=404)),
}

# Each concern of the delivery app (plan, engagement, ...) classifies its routes in its own
# tests/delivery/access_<concern>.py EXPECT, merged here so the helpers do not share one file.
for _path in sorted(Path(__file__).parent.glob("access_*.py")):
    _more = import_module(f"tests.delivery.{_path.stem}").EXPECT
    assert not set(_more) & set(EXPECT), f"{_path.name} classifies a route twice"
    EXPECT.update(_more)
