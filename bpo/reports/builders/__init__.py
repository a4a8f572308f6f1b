"""One builder per kind of report: `build(report, user, progress) -> (template, context)`.

Every builder selects its rows from `Model.objects.visible_to(user)` (the requester), as the
pages do, so a report never holds a record its requester may not open.
"""

from ..choices import ReportKind
from . import contract, contract_register, finance, program, risk, vendor

BUILDERS = {
    ReportKind.PROGRAM_STATUS: program.build,
    ReportKind.VENDOR_PERFORMANCE: vendor.build,
    ReportKind.FINANCE: finance.build,
    ReportKind.RISK_REGISTER: risk.build,
    ReportKind.CONTRACT_SUMMARY: contract.build,
    ReportKind.CONTRACT_REGISTER: contract_register.build,
}


class ScopeGone(Exception):
    """The report's program, contract or vendor is no longer visible to its requester."""
