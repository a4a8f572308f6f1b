"""Who may open the measurement pages and endpoints (merged into tests/test_access_matrix.py)."""

from datetime import UTC, datetime

from tests.access import expect, only
from tests.contracts.access import NOT_MEMBERS, POST_ONLY, READERS, VENDOR_X_API
from tests.contracts.factories import SampleFactory, contract_of_a


def _contract(c):
    return {"pk": contract_of_a(c).pk}


def _sample(c):
    sl = contract_of_a(c).service_levels.get()
    return {"pk": SampleFactory(service_level=sl, measured_at=datetime(2026, 1, 5, tzinfo=UTC)).pk}


EXPECT = {
    "delivery:measurement_list": (_contract, only(READERS, **NOT_MEMBERS)),
    "delivery:csv_template": (_contract, only(READERS, **NOT_MEMBERS)),
    "delivery:sample_exclusion": (_sample, POST_ONLY),
    "sample-list": (None, expect(401, 200, 200)),
    "sample-detail": (_sample, expect(401, 200, 200, **NOT_MEMBERS, **VENDOR_X_API)),
    "sample-bulk": (None, expect(401, 405, 405)),
    "sample-exclusion": (_sample, expect(401, 405, 405)),
    "portal:measurements": (None, expect(302, 403, 200)),
    "portal:measurement_contract": (_contract, expect(302, 403, 200, vendor_y_admin=404)),
    "portal:measurement_template": (_contract, expect(302, 403, 200, vendor_y_admin=404)),
}
