"""Helpers for the access matrix: each app's tests/<app>/access.py declares EXPECT for its routes.

STAFF and VENDORS name the roles of the cast in tests/conftest.py.
"""

STAFF = ["admin", "manager", "contributor", "evaluator", "viewer", "outsider", "finance", "legal", "executive"]
VENDORS = ["vendor_x_admin", "vendor_x_user", "vendor_y_admin"]
# Program A itself (the list, its page's header) is read by its manager, contributor and viewer and by
# the global roles; its records by part (CONTENT_ and MONEY_READERS_OF_A below, contracts in
# tests/contracts/access.py). Not
# by its evaluator: an evaluator membership reads nothing of the program but the sourcing events
# they are assigned to (SOURCING_READERS_OF_A); elsewhere in program A they answer as the outsider.
PROGRAM_READERS_OF_A = ["admin", "manager", "contributor", "viewer", "finance", "legal", "executive"]
NOT_READERS_OF_A = {"evaluator": 404, "outsider": 404}
# Program A's sourcing events and everything under them (proposals, attachments, scores, the
# comparison, Q&A, due diligence, the award): its reading members, administrators, executives and
# the evaluator assigned. Not finance or legal, who read every program's money or contracts but not
# its bids or evaluators' scores (vendors.querysets.reads_every_event): 404, as a missing event.
SOURCING_READERS_OF_A = ["admin", "manager", "contributor", "viewer", "executive", "evaluator"]
NOT_SOURCING_READERS = {"finance": 404, "legal": 404}
# Program A's records other than its money and contracts (charter rows, gates, plan, transition,
# status reports, meetings, training, support, risks, quality, improvement, measurements, the SLA
# dashboard, scorecards): its reading members, administrators and executives. Finance and legal read
# every program's header, money (finance) and contracts (both), but these only as members
# (bpo.core.scoping): 404, as a missing record.
CONTENT_READERS_OF_A = ["admin", "manager", "contributor", "viewer", "executive"]
NOT_CONTENT_READERS_OF_A = {**NOT_READERS_OF_A, "finance": 404, "legal": 404}
# Program A's money (budget lines, invoices, cost entries, service-level periods, results, credits):
# also finance; legal as a member only.
MONEY_READERS_OF_A = [*CONTENT_READERS_OF_A, "finance"]
NOT_MONEY_READERS_OF_A = {**NOT_READERS_OF_A, "legal": 404}


def expect(anon, staff, vendor, **overrides):
    """Expected status per role: a default for anonymous, for staff and for vendor users, then per-role overrides."""
    table = {"anon": anon}
    table.update({r: staff for r in STAFF})
    table.update({r: vendor for r in VENDORS})
    table.update(overrides)
    return table


def only(allowed, status_ok=200, others=403, anon=302, vendor=403, **overrides):
    """`allowed` roles get `status_ok`; other staff `others`; vendor users `vendor`; anonymous `anon`."""
    table = expect(anon, others, vendor, **{r: status_ok for r in allowed})
    table.update(overrides)
    return table
