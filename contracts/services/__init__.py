"""Writes to contracts. Every door (page, portal, API, job) comes through here."""

from .changes import (  # noqa: F401
    amendment_withdraw,
    amendments_apply_due,
    apply_due_amendment,
    change_request_assess,
    change_request_create,
    change_request_decide,
    change_request_refusal,
    check_effective_date,
    dispute_escalate,
    dispute_open,
    dispute_resolve,
    disputes_escalate_overdue,
    parse_proposed_terms,
    pending_amendment,
    versions_diff,
)
from .contracts import (  # noqa: F401
    can_review,
    contract_can_create,
    contract_create,
    contract_record_review,
    contract_set_status,
    contract_sign,
    contract_submit_for_review,
    contract_update,
    reviews_approved,
    terms_snapshot,
)
from .documents import document_upload, document_version_for, documents_for  # noqa: F401
from .lifecycle import contracts_close_or_renew  # noqa: F401
from .reminders import contract_notice_reminders, obligation_reminders  # noqa: F401
from .terms import (  # noqa: F401
    last_occurrence_done,
    obligation_create,
    obligation_record_evidence,
    obligation_update,
    rate_card_line_create,
    rate_card_line_delete,
    rate_card_line_invoices,
    rate_card_line_update,
    service_level_create,
    service_level_update,
)
