"""Who may open the contract pages and endpoints (merged into tests/test_access_matrix.py).

The records come from `contract_of_a`: program A's active contract with vendor X."""

from tests.access import expect, only

from .factories import contract_of_a

CAN_CREATE = ["admin", "manager", "outsider"]  # administrators and anyone who manages a program
# Program A's contract is read by its manager, contributor and viewer (not its evaluator) and by global roles.
READERS = ["admin", "manager", "contributor", "viewer", "finance", "legal", "executive"]
MANAGERS = ["admin", "manager"]
OPERATORS = ["admin", "manager", "contributor"]
NOT_MEMBERS = {"evaluator": 404, "outsider": 404}


def _contract(c):
    return {"pk": contract_of_a(c).pk}


def _contract_pk(c):
    return {"contract_pk": contract_of_a(c).pk}


def _sl(c):
    return {"pk": contract_of_a(c).service_levels.get().pk}


def _obligation(c):
    from contracts.models import Obligation

    contract = contract_of_a(c)
    ob = Obligation.objects.create(
        contract=contract, party="vendor", category="reporting", title="Monthly report", due_date="2026-02-05"
    )
    return {"pk": ob.pk}


def _change(c):
    from contracts.models import ChangeRequest

    contract = contract_of_a(c)
    change = ChangeRequest.objects.create(contract=contract, title="More agents", description="x", raised_by=c.manager)
    return {"pk": change.pk}


def _dispute(c):
    from contracts.models import Dispute

    contract = contract_of_a(c)
    dispute = Dispute.objects.create(
        contract=contract, title="Invoice 3", description="x", raised_by=c.manager, level_deadline="2026-03-01"
    )
    return {"pk": dispute.pk}


def _document_version(c):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from contracts.services import document_upload

    contract = contract_of_a(c)
    version = document_upload(
        contract=contract, by=c.manager, title="Signed MSA", file=SimpleUploadedFile("msa.pdf", b"%PDF-1.4 test")
    )
    return {"pk": version.pk}


def _rate(c):
    from contracts.models import RateCardLine

    return {"pk": RateCardLine.objects.create(contract=contract_of_a(c), item="Agent hour", unit="hour", rate=30).pk}


# A vendor's record: its own vendor's users read it, another vendor gets 404.
VENDOR_X_API = {"vendor_y_admin": 404}
POST_ONLY = expect(302, 405, 403)

EXPECT = {
    "contracts:contract_list": (None, expect(302, 200, 403)),
    "contracts:contract_create": (None, only(CAN_CREATE)),
    "contracts:contract_detail": (_contract, only(READERS, **NOT_MEMBERS)),
    "contracts:contract_update": (_contract, only(MANAGERS, **NOT_MEMBERS)),
    "contracts:contract_transition": (lambda c: {**_contract(c), "action": "submit"}, POST_ONLY),
    "contracts:contract_review": (_contract, POST_ONLY),
    "contracts:contract_versions": (_contract, only(READERS, **NOT_MEMBERS)),
    "contracts:rate_add": (_contract, POST_ONLY),
    "contracts:document_upload": (_contract, POST_ONLY),
    # Editing a line: managers (the page then refuses it, the contract being active, with a message).
    "contracts:rate_update": (_rate, only(MANAGERS, **NOT_MEMBERS)),
    "contracts:rate_delete": (_rate, POST_ONLY),
    "contracts:document_download": (_document_version, only(READERS, **NOT_MEMBERS)),
    "contracts:service_level_create": (_contract_pk, only(MANAGERS, **NOT_MEMBERS)),
    "contracts:service_level_update": (_sl, only(MANAGERS, **NOT_MEMBERS)),
    "contracts:obligation_create": (_contract_pk, only(MANAGERS, **NOT_MEMBERS)),
    "contracts:obligation_update": (_obligation, only(MANAGERS, **NOT_MEMBERS)),
    "contracts:change_create": (_contract_pk, only(OPERATORS, **NOT_MEMBERS)),
    "contracts:change_detail": (_change, only(READERS, **NOT_MEMBERS)),
    "contracts:dispute_create": (_contract_pk, only(OPERATORS, **NOT_MEMBERS)),
    "contracts:dispute_detail": (_dispute, only(READERS, **NOT_MEMBERS)),
    "contract-list": (None, expect(401, 200, 200)),
    "contract-detail": (_contract, expect(401, 200, 200, **NOT_MEMBERS, **VENDOR_X_API)),
    "service-level-list": (None, expect(401, 200, 200)),
    "service-level-detail": (_sl, expect(401, 200, 200, **NOT_MEMBERS, **VENDOR_X_API)),
    "obligation-list": (None, expect(401, 200, 200)),
    "obligation-detail": (_obligation, expect(401, 200, 200, **NOT_MEMBERS, **VENDOR_X_API)),
    "change-request-list": (None, expect(401, 200, 200)),
    "change-request-detail": (_change, expect(401, 200, 200, **NOT_MEMBERS, **VENDOR_X_API)),
    # POST-only steps of a change request (GET: 405 once through the door; vendors read it too).
    "change-request-assess": (_change, expect(401, 405, 405)),
    "change-request-decide": (_change, expect(401, 405, 405)),
    "change-request-withdraw": (_change, expect(401, 405, 405)),
    "dispute-list": (None, expect(401, 200, 200)),
    "dispute-detail": (_dispute, expect(401, 200, 200, **NOT_MEMBERS, **VENDOR_X_API)),
    "rate-card-line-list": (None, expect(401, 200, 200)),
    "rate-card-line-detail": (_rate, expect(401, 200, 200, **NOT_MEMBERS, **VENDOR_X_API)),
    "portal:obligation_evidence": (_obligation, expect(302, 403, 405)),
    # The vendor's portal pages: their own contract only; staff are kept out of the portal.
    "portal:contract_list": (None, expect(302, 403, 200)),
    "portal:contract_detail": (_contract, expect(302, 403, 200, vendor_y_admin=404)),
    "portal:contract_change_create": (_contract, expect(302, 403, 200, vendor_y_admin=404)),
    "portal:contract_dispute_create": (_contract, expect(302, 403, 200, vendor_y_admin=404)),
    "portal:contract_document_download": (_document_version, expect(302, 403, 200, vendor_y_admin=404)),
}


def _assessed_change(c):
    from contracts.models import ChangeRequest

    change = ChangeRequest.objects.create(
        contract=contract_of_a(c), title="More agents", description="x", raised_by=c.manager, status="assessed"
    )
    return {"pk": change.pk}


# Writes (tests/test_access_matrix.py WRITES): a fresh change request for each role. The program's
# managers and administrators assess and decide it; other readers get 403, those who do not read it
# 404 (a withdrawal needs a waiting amendment: tests/contracts/test_api_change_actions.py).
CHANGE_DECIDERS = expect(401, 403, 403, admin=200, manager=200, **NOT_MEMBERS, vendor_y_admin=404)
WRITES = {
    "change-request-assess": (_change, {"POST": ({"cost_impact": "1000.00"}, CHANGE_DECIDERS)}),
    "change-request-decide": (
        _assessed_change,
        {"POST": ({"approve": False, "decision_comments": "Not this year"}, CHANGE_DECIDERS)},
    ),
}
