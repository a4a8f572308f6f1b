"""Who may see and change which programs and charter records: the rule is written here once."""

from django.db import models
from django.db.models import Q

from bpo.core.scoping import CONTENT, MONEY


class ProgramQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The programs themselves (the list, each one's name and header): global roles read every
        program; program staff read the programs they are members of as manager, contributor or
        viewer (an evaluator membership alone grants none of it: they see only the sourcing events
        they are assigned to, SourcingEventQuerySet), and a sponsor the programs they sponsor (they
        approve the charter and the award); vendor users read none (their portal shows their own
        contracts instead). What is read under a program is `reading(user, part)`: finance and legal
        read every program here, but only its money or its contracts (bpo.core.scoping)."""
        if not user.is_authenticated or not user.is_active or user.is_vendor_user:
            return self.none()
        if user.reads_all_programs:
            return self.all()
        return self._read_as_member(user)

    def reading(self, user, part: str = CONTENT):
        """The programs whose `part` (bpo.core.scoping CONTENT, MONEY or CONTRACTS) the user reads:
        every program for those who read that part across programs (reads_all), otherwise the
        programs they read as a member with a reading role or as sponsor. Every record scoped to a
        program (bpo.core.scoping.scoped over this queryset) follows."""
        from bpo.core.scoping import reads_all

        if not user.is_authenticated or not user.is_active or user.is_vendor_user:
            return self.none()
        if reads_all(user, part):
            return self.all()
        return self._read_as_member(user)

    def _read_as_member(self, user):
        # A subquery of the user's memberships rather than a join: no DISTINCT over every column
        # (and every annotation) of the program pages, which PostgreSQL took milliseconds to plan.
        from bpo.accounts.choices import PROGRAM_READING_ROLES
        from bpo.accounts.models import ProgramMembership

        mine = ProgramMembership.objects.filter(user=user, role__in=PROGRAM_READING_ROLES).values("program_id")
        return self.filter(Q(pk__in=mine) | Q(sponsor=user))

    def referable_by(self, user):
        """The programs a user may name in a record they write (an API write's `program`, a
        filter; bpo.core.filters.visible_only): those they see, and for a vendor user the
        programs of its vendor's contracts (a support request names its program). Whether the
        write is allowed stays the service's rule."""
        if user.is_authenticated and user.is_active and user.is_vendor_user:
            return self.filter(contracts__vendor_id=user.vendor_id).distinct()
        return self.visible_to(user)

    def editable_by(self, user):
        """Administrators and the program's managers change a program."""
        if not user.is_authenticated or not user.is_active or user.is_vendor_user:
            return self.none()
        if user.is_administrator:
            return self.all()
        return self.filter(memberships__user=user, memberships__role="manager").distinct()


class ProgramPartQuerySet(models.QuerySet):
    """A record that belongs to one program (a charter row, a gate, a revision): it follows its
    program's `part` (the charter is content; budget lines are money, BudgetLineQuerySet)."""

    part = CONTENT

    def visible_to(self, user):
        from bpo.core.scoping import scoped

        from .models import Program

        return scoped(self, user, "program", Program.objects.reading(user, self.part).values("pk"), self.part)

    def editable_by(self, user):
        from .models import Program

        return self.filter(program__in=Program.objects.editable_by(user))


class BudgetLineQuerySet(ProgramPartQuerySet):
    """Budget lines are money: finance reads every program's (and approves them)."""

    part = MONEY
