"""Who may see and change which risk records: the rule is written here once.

Every risk record belongs to a program (directly or through its parent). Staff read the
records of the programs they are members of, administrators and executives read all of them
(finance and legal only as members: bpo.core.scoping); program
managers and contributors change them (DOMAIN: contributors edit the risk records of their
programs). Vendor users read none here: the portal asks `shared_with_vendor` instead.
"""

from django.db import models

from bpo.accounts.choices import PROGRAM_READING_ROLES, ProgramRole
from bpo.core.scoping import reads_all_program_content

RISK_EDITOR_ROLES = (ProgramRole.MANAGER, ProgramRole.CONTRIBUTOR)


def review_overdue_q() -> models.Q:
    """An open risk whose next review is before today in its program's time zone (the register's
    "Review overdue" filter, the home panel's count and the risk page's late mark agree)."""
    from bpo.core.zones import due_before_today_q

    return models.Q(status="open") & due_before_today_q("next_review_date")


def _staff(user) -> bool:
    return user.is_authenticated and user.is_active and not user.is_vendor_user


def risk_program_ids(user):
    """The programs whose risk records this user may change (a queryset of ids)."""
    from strategy.models import Program

    if not _staff(user):
        return Program.objects.none().values("pk")
    if user.is_administrator:
        return Program.objects.values("pk")
    return Program.objects.filter(memberships__user=user, memberships__role__in=RISK_EDITOR_ROLES).values("pk")


def _has_contract_in_program(vendor_id):
    """The record's program has a contract with the vendor (an EXISTS, no join)."""
    from contracts.models import Contract

    return models.Exists(Contract.objects.filter(program_id=models.OuterRef("program_id"), vendor_id=vendor_id))


class ProgramScopedQuerySet(models.QuerySet):
    """`program_path` names the lookup from this model to its program."""

    program_path = "program"

    def visible_to(self, user):
        if not _staff(user):
            return self.none()
        if reads_all_program_content(user):
            return self.all()
        from strategy.models import Program

        # A subquery, not a join: no duplicates, so counts, exports and ordering stay simple.
        # Members who read their program (not an evaluator membership alone; PROGRAM_READING_ROLES),
        # finance and legal included: risks, quality and improvement are not their part of every
        # program (bpo.core.scoping).
        member_of = Program.objects.filter(memberships__user=user, memberships__role__in=PROGRAM_READING_ROLES).values(
            "pk"
        )
        return self.filter(**{f"{self.program_path}__in": member_of})

    def editable_by(self, user):
        if not _staff(user):
            return self.none()
        if user.is_administrator:
            return self.all()
        return self.filter(**{f"{self.program_path}__in": risk_program_ids(user)})


class RiskQuerySet(ProgramScopedQuerySet):
    def open(self):
        return self.filter(status="open")

    def unassessed(self):
        """Open risks nobody has scored yet."""
        return self.open().filter(assessed_at__isnull=True)

    def review_overdue(self):
        """Open risks whose next review is before today in their program's time zone."""
        return self.filter(review_overdue_q())

    def shared_with_vendor(self, vendor_id):
        """What the vendor's portal shows: risks flagged shared and tied to that vendor or its contract,
        in a program where the vendor holds a contract. A risk about one of its contracts names no
        other vendor; the program condition hides a risk given a vendor of no contract of its program
        (the risk form refuses that since 2026-11; older rows stay hidden, whatever they say)."""
        return (
            self.filter(shared_with_vendor=True)
            .filter(models.Q(contract__isnull=True) | models.Q(contract__vendor_id=vendor_id))
            .filter(models.Q(vendor__isnull=True) | models.Q(vendor_id=vendor_id))
            .filter(models.Q(vendor_id=vendor_id) | models.Q(contract__vendor_id=vendor_id))
            .filter(_has_contract_in_program(vendor_id))
        )


class ViaRiskQuerySet(ProgramScopedQuerySet):
    program_path = "risk__program"


class ViaIndicatorQuerySet(ProgramScopedQuerySet):
    program_path = "indicator__risk__program"


class ViaPlanQuerySet(ProgramScopedQuerySet):
    program_path = "plan__program"


class ViaDrillQuerySet(ProgramScopedQuerySet):
    program_path = "drill__plan__program"


class ViaIncidentQuerySet(ProgramScopedQuerySet):
    program_path = "incident__program"


class CorrectiveActionQuerySet(ProgramScopedQuerySet):
    def for_vendor(self, vendor_id):
        """Actions assigned to the vendor (through one of its users); never a proposal or a dismissed
        one, and never one about another vendor's contract or in a program where the vendor holds no
        contract, even if such an owner was named before the services refused it (2026-11)."""
        return (
            self.filter(vendor_id=vendor_id)
            .exclude(status__in=["proposed", "dismissed"])
            .filter(models.Q(contract__isnull=True) | models.Q(contract__vendor_id=vendor_id))
            .filter(_has_contract_in_program(vendor_id))
        )
