"""Writes to the vendor registry, sourcing events, proposals and the evaluation.
Vendors never write to the registry directly: they send change requests."""

from .evaluation import (  # noqa: F401
    award_approve,
    award_propose,
    can_approve_award,
    diligence_record,
    evaluator_submit,
    is_disqualified,
    proposal_shortlist,
    requirement_check_record,
    score_save,
    score_sheet_save,
)
from .registry import (  # noqa: F401
    CHANGEABLE_BY_VENDOR,
    EDITABLE_FIELDS,
    VENDOR_KINDS,
    change_request_create,
    change_request_decide,
    vendor_can_create,
    vendor_create,
    vendor_item_create,
    vendor_item_delete,
    vendor_update,
)
from .sourcing import (  # noqa: F401
    CHANGEABLE_AFTER_PUBLISHING,
    EVENT_KINDS,
    FIXED_ONCE_PUBLISHED,
    event_can_create,
    event_cancel,
    event_create,
    event_item_create,
    event_item_delete,
    event_problems,
    event_publish,
    event_update,
    parse_breakdown,
    proposal_attachment_remove,
    proposal_submit,
    question_answer,
    question_ask,
)
