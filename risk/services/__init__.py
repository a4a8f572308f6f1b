"""Writes to the risk records. Every door (page, API, task) comes through here.

Each change checks that `by` may make it (the queryset's `editable_by`), validates, records
the actor for the audit log, and notifies only through `bpo.core.services.notify`, whose
event keys make every reminder and alert fire once.
"""

from ._common import (  # noqa: F401
    ACTION_FIELDS,
    INCIDENT_FIELDS,
    PLAN_FIELDS,
    RISK_FIELDS,
    _apply,
    _check_same_program,
    _program_managers,
    _require_editable,
    _require_program,
    can_create_in_any_program,
)
from .actions import (  # noqa: F401
    _action_create,
    _check_owner,
    action_create,
    action_propose_for_audit,
    action_propose_for_breach,
    action_transition,
    action_update,
    action_vendor_progress,
    actions_propose_for_breaches,
)
from .continuity import (  # noqa: F401
    drill_cancel,
    drill_record_run,
    drill_schedule,
    finding_raise_action,
    plan_create,
    plan_set_steps,
    plan_update,
)
from .incidents import (  # noqa: F401
    checklist_item_complete,
    incident_activate_plan,
    incident_add_event,
    incident_create,
    incident_record_review,
    incident_update,
)
from .indicators import (  # noqa: F401
    RESULT_STATUS,
    _breach_key,
    _flag_risk_for_review,
    _upsert_reading,
    kri_create,
    kri_record_reading,
    kri_sync_service_level_breaches,
    service_level_result_recorded,
)
from .register import next_review_after, risk_assess, risk_create, risk_update  # noqa: F401
from .reminders import REMIND_DAYS_AHEAD, action_remind_overdue, drill_remind_due, risk_remind_reviews  # noqa: F401
