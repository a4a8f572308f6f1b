"""Who may open the background measurement import pages (merged into tests/test_access_matrix.py).

An import is seen by the users of its contract's vendor (the other vendor: 404, as for an
import that does not exist); staff open imports from the contract's measurements page, on
their own pages (readers of the contract; other staff 404, vendor users 403), so the portal
pages answer them 403."""

from tests.access import CONTENT_READERS_OF_A, NOT_CONTENT_READERS_OF_A, expect, only
from tests.contracts.factories import contract_of_a


def _contract(c):
    return {"pk": contract_of_a(c).pk}


def _import(c):
    from delivery.models import MeasurementImport

    record = MeasurementImport.objects.create(
        contract=contract_of_a(c), file_name="big.csv", row_count=9000, submitted_by=c.vendor_x_user
    )
    return {"pk": record.pk}


EXPECT = {
    "portal:measurement_imports": (_contract, expect(302, 403, 200, vendor_y_admin=404)),
    "portal:measurement_import": (_import, expect(302, 403, 200, vendor_y_admin=404)),
    "portal:measurement_import_status": (_import, expect(302, 403, 200, vendor_y_admin=404)),
    "delivery:measurement_import": (_import, only(CONTENT_READERS_OF_A, **NOT_CONTENT_READERS_OF_A)),
    "delivery:measurement_import_status": (_import, only(CONTENT_READERS_OF_A, **NOT_CONTENT_READERS_OF_A)),
}
