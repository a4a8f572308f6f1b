"""Who may see and change which contracts: the rule is written here once.

Every record hanging off a contract (service levels, obligations, change requests,
disputes, and in other apps measurements, results and credits) is visible exactly when
its contract is, through `ContractChildQuerySet` or `contract_visibility`.
"""

from django.db import models
from django.db.models import DateField, F, Func

from bpo.accounts.choices import PROGRAM_READING_ROLES
from bpo.core.scoping import CONTRACTS

# Program roles that read a program's contracts: those that read the program (not evaluators).
CONTRACT_READING_ROLES = PROGRAM_READING_ROLES


class DaysBefore(Func):
    """`date - days` as a date, in SQL: PostgreSQL subtracts an integer from a date; SQLite
    uses date(d, '-n days'). Lets a query compare a computed date without reading the rows."""

    output_field = DateField()
    arity = 2

    def as_sql(self, compiler, connection, **extra_context):
        (date_sql, date_params), (days_sql, days_params) = (compiler.compile(e) for e in self.source_expressions)
        return f"({date_sql} - {days_sql})", (*date_params, *days_params)

    def as_sqlite(self, compiler, connection, **extra_context):
        (date_sql, date_params), (days_sql, days_params) = (compiler.compile(e) for e in self.source_expressions)
        return f"date({date_sql}, '-' || {days_sql} || ' days')", (*date_params, *days_params)


class ContractQuerySet(models.QuerySet):
    def with_notice_deadline(self):
        """Annotates `deadline`: the last day notice can be given (end date minus the notice period),
        the same as `Contract.notice_deadline`."""
        return self.annotate(deadline=DaysBefore(F("end_date"), F("notice_period_days")))

    def notice_deadline_between(self, first, last):
        """Contracts whose notice deadline falls on a day from `first` to `last` (both included)."""
        return self.with_notice_deadline().filter(deadline__gte=first, deadline__lte=last)

    def notice_deadline_within(self, days: int, *, today=None):
        """Contracts whose notice deadline falls from today to `days` days later (both included),
        today being the date in the contract's program's time zone (`today`: that date in every
        zone instead). One set-based condition (bpo.core.zones.due_before_today_q)."""
        from bpo.core.zones import due_before_today_q

        return (
            self.with_notice_deadline()
            .filter(due_before_today_q("deadline", days=days + 1, today=today))
            .exclude(due_before_today_q("deadline", today=today))
        )

    def visible_to(self, user, part: str = CONTRACTS):
        """Administrators, executives, finance and legal read every contract (bpo.core.scoping:
        finance records the financial review and the money derives from the contract, legal the
        legal review); program staff read their programs' contracts (not evaluators); a vendor user
        reads their own vendor's contracts once both reviews approved them. `part`: the part of the
        program a record under the contract belongs to (contract_visibility): for MONEY (results,
        credits, invoices) legal reads only the contracts of programs they are a member of, for
        CONTENT (measurements, scorecards) finance and legal too."""
        from bpo.core.scoping import reads_all

        from .choices import VENDOR_VISIBLE

        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_vendor_user:
            return self.filter(vendor_id=user.vendor_id, status__in=VENDOR_VISIBLE)
        if reads_all(user, part):
            return self.all()
        return self.filter(
            program__memberships__user=user, program__memberships__role__in=CONTRACT_READING_ROLES
        ).distinct()

    def editable_by(self, user):
        """Administrators and the managers of the contract's program change it."""
        if not user.is_authenticated or not user.is_active or user.is_vendor_user:
            return self.none()
        if user.is_administrator:
            return self.all()
        return self.filter(program__memberships__user=user, program__memberships__role="manager").distinct()

    def operable_by(self, user):
        """Administrators, managers and contributors run a contract's day-to-day records
        (measurement exclusions, obligations' evidence, disputes)."""
        if not user.is_authenticated or not user.is_active or user.is_vendor_user:
            return self.none()
        if user.is_administrator:
            return self.all()
        return self.filter(
            program__memberships__user=user, program__memberships__role__in=("manager", "contributor")
        ).distinct()


def contract_visibility(qs, user, path="contract", part=CONTRACTS):
    """Restrict a queryset of records under a contract (reached through `path`) to those the user
    may see: the contract's own records (`part` CONTRACTS), its money (MONEY: finance, not legal)
    or the program's other records (CONTENT: as program staff; bpo.core.scoping)."""
    from bpo.core.scoping import scoped

    from .models import Contract

    return scoped(qs, user, path, Contract.objects.visible_to(user, part).values("pk"), part)


class ContractChildQuerySet(models.QuerySet):
    """Records that belong to one contract: visible and editable exactly as their contract."""

    contract_path = "contract"

    def visible_to(self, user):
        return contract_visibility(self, user, self.contract_path)

    def editable_by(self, user):
        from .models import Contract

        return self.filter(**{f"{self.contract_path}__in": Contract.objects.editable_by(user).values("pk")})
