"""Writes to programs and their charters. Every door (page, API, command) comes through here."""

from .charter import (
    CHARTER_KINDS,
    budget_approve,
    charter_item_create,
    charter_item_delete,
    charter_item_update,
    charter_snapshot,
    program_approve,
    program_return,
    program_revise,
    program_submit,
)
from .gates import gate_checklist, gate_pass
from .program import EDITABLE_FIELDS, program_can_create, program_create, program_update

__all__ = [
    "CHARTER_KINDS",
    "EDITABLE_FIELDS",
    "budget_approve",
    "charter_item_create",
    "charter_item_delete",
    "charter_item_update",
    "charter_snapshot",
    "gate_checklist",
    "gate_pass",
    "program_approve",
    "program_can_create",
    "program_create",
    "program_return",
    "program_revise",
    "program_submit",
    "program_update",
]
