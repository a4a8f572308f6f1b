"""Who may open the program pages and endpoints (merged into tests/test_access_matrix.py)."""

from tests.access import (
    CONTENT_READERS_OF_A,
    NOT_CONTENT_READERS_OF_A,
    NOT_MONEY_READERS_OF_A,
    NOT_READERS_OF_A,
    PROGRAM_READERS_OF_A,
    expect,
    only,
)

CAN_CREATE = ["admin", "manager", "outsider"]  # administrators and anyone who manages a program
MANAGERS_OF_A = ["admin", "manager"]


def _objective(c):
    from strategy.models import Objective

    return {"kind": "objective", "pk": Objective.objects.create(program=c.program_a, statement="Cut cost").pk}


def _objective_pk(c):
    return {"pk": _objective(c)["pk"]}


EXPECT = {
    "strategy:program_list": (None, expect(302, 200, 403)),
    "strategy:program_create": (None, only(CAN_CREATE)),
    "strategy:program_detail": (lambda c: {"pk": c.program_a.pk}, only(PROGRAM_READERS_OF_A, **NOT_READERS_OF_A)),
    "strategy:program_update": (lambda c: {"pk": c.program_a.pk}, only(MANAGERS_OF_A, **NOT_READERS_OF_A)),
    # POST-only state changes: a GET is 405 once the door lets the request through.
    "strategy:program_action": (lambda c: {"pk": c.program_a.pk, "action": "submit"}, expect(302, 405, 403)),
    # Program A has no sponsor: only an administrator approves (or returns) its charter.
    "strategy:program_return": (lambda c: {"pk": c.program_a.pk}, only(["admin"], **NOT_READERS_OF_A)),
    "strategy:gate_pass": (lambda c: {"pk": c.program_a.pk}, only(MANAGERS_OF_A, **NOT_READERS_OF_A)),
    # The charter's revisions and rows, the gates: the program's content (finance and legal: 404).
    "strategy:charter_compare": (
        lambda c: {"pk": c.program_a.pk},
        only(CONTENT_READERS_OF_A, **NOT_CONTENT_READERS_OF_A),
    ),
    "strategy:charter_item_create": (
        lambda c: {"program_pk": c.program_a.pk, "kind": "objective"},
        only(MANAGERS_OF_A, **NOT_READERS_OF_A),
    ),
    "strategy:charter_item_update": (_objective, only(MANAGERS_OF_A, **NOT_CONTENT_READERS_OF_A)),
    "strategy:charter_item_delete": (_objective, expect(302, 405, 403)),
    "program-list": (None, expect(401, 200, 403)),
    "program-detail": (lambda c: {"pk": c.program_a.pk}, expect(401, 200, 403, **NOT_READERS_OF_A)),
    "program-gates": (lambda c: {"pk": c.program_a.pk}, expect(401, 200, 403, **NOT_CONTENT_READERS_OF_A)),
}
# POST-only actions on a program: GET is 405 for staff, 403 for vendor users, 401 anonymous.
for _name in ("submit", "approve", "send-back", "revise", "approve-budget"):
    EXPECT[f"program-{_name}"] = (lambda c: {"pk": c.program_a.pk}, expect(401, 405, 403))
# The charter rows follow their program's content (budget lines its money): staff-only, 404 outside
# one's programs, and to finance and legal (finance reads every budget line).
for _basename in ("objective", "scopeitem", "budgetline", "milestone", "stakeholder", "resource"):
    EXPECT[f"{_basename}-list"] = (None, expect(401, 200, 403))
EXPECT["objective-detail"] = (_objective_pk, expect(401, 200, 403, **NOT_CONTENT_READERS_OF_A))


def _row(model_path, **fields):
    def build(c):
        from django.apps import apps

        model = apps.get_model("strategy", model_path)
        return {"pk": model.objects.create(program=c.program_a, **fields).pk}

    return build


EXPECT["scopeitem-detail"] = (_row("ScopeItem", process="Billing"), expect(401, 200, 403, **NOT_CONTENT_READERS_OF_A))
EXPECT["budgetline-detail"] = (
    _row("BudgetLine", category="other", period="2026", planned_amount=1),
    expect(401, 200, 403, **NOT_MONEY_READERS_OF_A),
)
EXPECT["milestone-detail"] = (
    _row("Milestone", name="Go-live", phase="transition", baseline_date="2026-12-01"),
    expect(401, 200, 403, **NOT_CONTENT_READERS_OF_A),
)
EXPECT["stakeholder-detail"] = (_row("Stakeholder", name="CFO"), expect(401, 200, 403, **NOT_CONTENT_READERS_OF_A))
EXPECT["resource-detail"] = (
    _row("ResourceAllocation", team="Ops", role="Lead", fte=1, start_date="2026-01-01"),
    expect(401, 200, 403, **NOT_CONTENT_READERS_OF_A),
)
