"""Who sees and changes quality records: program-scoped, written once.

Staff read the quality records of the programs they are members of (global roles: all);
the programs' managers and contributors change them (DOMAIN: contributors edit the quality
records of their programs). Vendor users read none: the portal shows them only the
corrective actions assigned to their vendor.
"""

from risk.querysets import ProgramScopedQuerySet


class StandardQuerySet(ProgramScopedQuerySet):
    program_path = "program"

    def active(self):
        return self.filter(is_active=True)


class AuditQuerySet(ProgramScopedQuerySet):
    program_path = "standard__program"

    def in_period(self, start, end):
        """Audits whose sampled period ends in [start, end): each audit counts in one period of a kind."""
        return self.filter(period_end__gte=start, period_end__lt=end)


class ReviewQuerySet(ProgramScopedQuerySet):
    program_path = "program"
