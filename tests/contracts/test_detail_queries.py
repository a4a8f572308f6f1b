"""The contract page reads a fixed number of queries whatever the size of the contract, and
its buttons, read from the contract's Exists() annotations, are those the rule gives each user."""

import re
from datetime import date

import pytest
from django.db import connection
from django.db.models import DateField, DateTimeField
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from contracts.choices import ContractStatus, ReviewKind, ReviewOutcome
from contracts.models import (
    ChangeRequest,
    Contract,
    ContractDocument,
    ContractReview,
    ContractVersion,
    Dispute,
    DocumentVersion,
    Obligation,
    RateCardLine,
)
from contracts.services import reviews_approved
from contracts.views import ContractDetailView, contract_actions

from .factories import ContractFactory, ServiceLevelFactory

# The session, the user, the contract (with can_edit and can_operate as Exists()), the history
# and the records its changes name (here the program and the vendor it was created with), the reviews, the versions, the bell's unread count, the statements of work, the service levels,
# the obligations, the rate card, the change requests, the disputes and the documents.
PAGE_QUERIES = 16
# The documents' versions with their uploaders, read only when the contract has documents.
DOCUMENT_VERSIONS = 1


def _rows(cast, contract, n, start=0):
    """`n` rows in every section of the contract's page."""
    for i in range(start, start + n):
        contract.title = f"Customer service, change {i}"
        contract.save(update_fields=["title"])  # one more entry in its history
        ServiceLevelFactory(contract=contract, code=f"SL-{i}", allocation_pct=0)
        Obligation.objects.create(
            contract=contract,
            party="vendor",
            category="reporting",
            title=f"Monthly report {i}",
            due_date=date(2026, 2, 1),
            owner=cast.manager,
        )
        RateCardLine.objects.create(contract=contract, item=f"Agent hour {i}", unit="hour", rate=25)
        ContractVersion.objects.create(
            contract=contract, number=10 + i, terms={}, reason="renewal", created_by=cast.manager
        )
        ContractReview.objects.create(
            contract=contract, kind="legal", outcome="approved", round=10 + i, decided_by=cast.legal
        )
        ChangeRequest.objects.create(contract=contract, title=f"Change {i}", description="More", raised_by=cast.manager)
        Dispute.objects.create(
            contract=contract,
            title=f"Dispute {i}",
            description="Late",
            level_deadline=date(2026, 3, 1),
            raised_by=cast.manager,
        )
        ContractFactory(
            program=contract.program, vendor=contract.vendor, contract_type="sow", parent=contract, number=f"SOW-{i}"
        )
        document = ContractDocument.objects.create(contract=contract, title=f"Schedule {i}")
        for number in (1, 2):
            DocumentVersion.objects.create(
                document=document, number=number, file=f"contracts/schedule-{i}-v{number}.pdf", uploaded_by=cast.manager
            )


def _page(client, contract):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("contracts:contract_detail", args=[contract.pk]))
    assert response.status_code == 200
    return len(ctx.captured_queries), response.content.decode()


@pytest.mark.parametrize("who", ["manager", "admin"])
def test_the_contract_page_reads_the_same_queries_for_a_small_and_a_large_contract(cast, client, who):
    contract = ContractFactory(program=cast.program_a, vendor=cast.vendor_x, number="CA-1", status="active")
    client.force_login(getattr(cast, who))
    empty, _html = _page(client, contract)
    # At most PAGE_QUERIES: one fewer when an earlier test of the process left a lookup cached.
    assert empty <= PAGE_QUERIES
    _rows(cast, contract, 2)
    few, html = _page(client, contract)
    assert "Monthly report 1" in html and "schedule-1-v2.pdf" in html and "SOW-1" in html
    _rows(cast, contract, 15, start=2)
    many, html = _page(client, contract)
    assert "Monthly report 16" in html and "Agent hour 16" in html and "schedule-16-v1.pdf" in html
    assert "SOW-16" in html and "Dispute 16" in html and "latest v26" in html and "change 16" in html
    assert few == many == empty + DOCUMENT_VERSIONS


def _through_both_reviews(cast, contract):
    for kind, who in ((ReviewKind.LEGAL, cast.legal), (ReviewKind.FINANCIAL, cast.finance)):
        ContractReview.objects.create(
            contract=contract, kind=kind, outcome=ReviewOutcome.APPROVED, round=contract.review_round, decided_by=who
        )


@pytest.mark.parametrize(
    "status",
    [
        ContractStatus.DRAFT,
        ContractStatus.LEGAL_REVIEW,
        ContractStatus.FINANCIAL_REVIEW,
        ContractStatus.APPROVED,
        ContractStatus.ACTIVE,
        ContractStatus.TERMINATED,
    ],
)
def test_the_pages_buttons_are_those_the_querysets_give_every_staff_user(cast, rf, status):
    """For each staff user who sees the contract: what the page computes from the contract's
    annotations and its reviews equals `contract_actions` asking editable_by/operable_by itself."""
    contract = ContractFactory(program=cast.program_a, vendor=cast.vendor_x, status=status, review_round=1)
    if status == ContractStatus.APPROVED:
        _through_both_reviews(cast, contract)
    seen = set()
    for name in ("admin", "manager", "contributor", "viewer", "evaluator", "outsider", "finance", "legal", "executive"):
        user = getattr(cast, name)
        view = ContractDetailView()
        view.setup(rf.get("/"), pk=contract.pk)
        view.request.user = user
        visible = Contract.objects.visible_to(user).filter(pk=contract.pk).exists()
        if not visible:
            assert name in ("evaluator", "outsider")
            continue
        read = view.get_object()
        reviews = list(read.reviews.all())
        page = contract_actions(
            read, user, editable=read.user_can_edit, operable=read.user_can_operate, reviews=reviews
        )
        assert page == contract_actions(Contract.objects.get(pk=contract.pk), user), name
        assert read.user_can_edit == Contract.objects.editable_by(user).filter(pk=contract.pk).exists()
        assert reviews_approved(read, reviews=reviews) == reviews_approved(read)
        seen.add((page["can_manage"], page["can_operate"]))
    # Managers, contributors and readers differ: both flags were true and false.
    assert seen == {(True, True), (False, True), (False, False)}


def test_the_history_names_related_records_as_auditlog_does_with_one_query_per_model(cast, django_assert_num_queries):
    """history_for reads the records the changes name at once; the text is auditlog's own,
    also for a record deleted since (and for the empty value)."""
    from auditlog.models import LogEntry

    from bpo.core.history import history_for
    from tests.factories import ProgramFactory, VendorFactory

    gone = VendorFactory(name="Vendor gone")
    contract = ContractFactory(program=cast.program_a, vendor=gone, number="H-1")
    msa = ContractFactory(program=cast.program_a, vendor=cast.vendor_x, number="H-MSA")
    for program, vendor, parent in (
        (ProgramFactory(code="PH"), cast.vendor_x, msa),
        (cast.program_a, cast.vendor_y, None),
    ):
        contract.program, contract.vendor, contract.parent = program, vendor, parent
        contract.save()
    Contract.objects.filter(vendor=gone).update(vendor=cast.vendor_x)
    gone.delete()
    expected = [e.changes_display_dict for e in LogEntry.objects.get_for_object(contract).order_by("-timestamp", "-pk")]
    assert any("Deleted 'Vendor'" in str(d) for d in expected) and any("None" in str(d) for d in expected)
    with django_assert_num_queries(4):  # the entries, then the programs, vendors and contracts named
        history = history_for(contract)
        shown = [{c["field"]: [c["old"], c["new"]] for c in item["changes"]} for item in history]
    # An empty value (auditlog's "None", or blank) is None here: the page shows a dash; a date or a
    # time reads as the page prints them (2026-11-27 18:39 (UTC), in the program's zone), not as
    # auditlog's text.
    empty = ("None", "")
    times = {str(f.verbose_name) for f in Contract._meta.get_fields() if isinstance(f, (DateField, DateTimeField))}
    assert [{k: v for k, v in d.items() if k not in times} for d in shown] == [
        {k: [None if x.strip() in empty else x for x in v] for k, v in d.items() if k not in times} for d in expected
    ]
    when = [x for d in shown for k, v in d.items() if k in times for x in v if x is not None]
    assert when and all(re.fullmatch(r"\d{4}-\d{2}-\d{2}( \d{2}:\d{2} \(UTC\))?", x) for x in when), when
