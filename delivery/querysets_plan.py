"""Who may see and change the implementation plan, the transition checklist and status reports.

Staff follow the program's content (strategy's Program.reading / editable_by: finance and legal
read a plan only as members of its program, bpo.core.scoping). A vendor user sees
only the tasks assigned to its vendor (to one of its users, or to the vendor as a whole),
never a work package list or the transition checklist, and only its own status reports.
"""

from django.db import models
from django.db.models import Q

from bpo.core.scoping import CONTENT, scoped


def _programs_visible(user):
    """The programs whose plan the user reads: program content (finance and legal as members only)."""
    from strategy.models import Program

    return Program.objects.reading(user, CONTENT).values("pk")


def _programs_editable(user):
    from strategy.models import Program

    return Program.objects.editable_by(user).values("pk")


def programs_operable(user):
    """Programs whose day-to-day records the user runs: administrators, managers, contributors."""
    from strategy.models import Program

    if not user.is_authenticated or not user.is_active or user.is_vendor_user:
        return Program.objects.none().values("pk")
    if user.is_administrator:
        return Program.objects.values("pk")
    return Program.objects.filter(memberships__user=user, memberships__role__in=("manager", "contributor")).values("pk")


class StaffProgramPartQuerySet(models.QuerySet):
    """A staff-only record of one program (work packages, transition items): vendors see none."""

    def visible_to(self, user):
        if not user.is_authenticated or user.is_vendor_user:
            return self.none()
        return scoped(self, user, "program", _programs_visible(user))

    def editable_by(self, user):
        return self.filter(program__in=_programs_editable(user))

    def operable_by(self, user):
        return self.filter(program__in=programs_operable(user))


class TaskQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Staff: the tasks of the programs they read; a vendor user: the tasks of its vendor only."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_vendor_user:
            return self.filter(vendor_id=user.vendor_id)
        return scoped(self, user, "program", _programs_visible(user))

    def editable_by(self, user):
        """The plan itself (names, baselines, owners, dependencies): administrators and program managers."""
        return self.filter(program__in=_programs_editable(user))

    def progress_by(self, user):
        """Who records progress (actual dates, percent complete, a comment): the vendor of the task,
        the staff owner, and the program's managers and contributors."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_vendor_user:
            return self.filter(vendor_id=user.vendor_id)
        return self.filter(Q(program__in=programs_operable(user)) | Q(owner=user, program__in=_programs_visible(user)))


class StatusReportQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Staff read their programs' reports (a vendor's once it is submitted); a vendor user
        reads only its own vendor's reports."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_vendor_user:
            return self.filter(contract__vendor_id=user.vendor_id, by_vendor=True)
        return self.filter(program__in=_programs_visible(user)).filter(Q(by_vendor=False) | Q(status="submitted"))

    def editable_by(self, user):
        """Drafts only: a program manager edits the program's reports, a vendor user its vendor's."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        drafts = self.filter(status="draft")
        if user.is_vendor_user:
            return drafts.filter(contract__vendor_id=user.vendor_id, by_vendor=True)
        return drafts.filter(by_vendor=False, program__in=_programs_editable(user))
