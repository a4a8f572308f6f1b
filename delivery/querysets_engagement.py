"""Who may see and change meetings, action items, communications, training and support requests.

Staff read the records of the programs whose content they read (members, sponsors, administrators
and executives; finance and legal only as members);
administrators and the program's managers and contributors change them (DOMAIN:
contributors edit the delivery records of their programs). Vendor users read only what
belongs to their own vendor: action items owned by their users, training sessions their
users attend, support requests their users raised. Meetings, communication plans and
courses are internal.
"""

from django.db import models

from bpo.core.scoping import CONTENT, reads_all_program_content
from bpo.core.zones import due_before_today_q

EDITOR_ROLES = ("manager", "contributor")


def _staff(user) -> bool:
    return user.is_authenticated and user.is_active and not user.is_vendor_user


def _vendor(user) -> bool:
    return user.is_authenticated and user.is_active and user.is_vendor_user


def visible_program_ids(user):
    """The programs whose delivery records this staff user reads (a queryset of ids): program
    content, which finance and legal read only as members (bpo.core.scoping)."""
    from strategy.models import Program

    return Program.objects.reading(user, CONTENT).values("pk")


def editable_program_ids(user):
    """The programs whose delivery records this user changes: administrators all, managers and contributors theirs."""
    from strategy.models import Program

    if not _staff(user):
        return Program.objects.none().values("pk")
    if user.is_administrator:
        return Program.objects.values("pk")
    return Program.objects.filter(memberships__user=user, memberships__role__in=EDITOR_ROLES).values("pk")


class ProgramRecordQuerySet(models.QuerySet):
    """A record under one program, reached through `program_path`; vendors see nothing by default."""

    program_path = "program"

    def visible_to(self, user):
        if _vendor(user):
            return self.for_vendor(user.vendor_id)
        if not _staff(user):
            return self.none()
        if reads_all_program_content(user):
            return self.all()
        return self.filter(**{f"{self.program_path}__in": visible_program_ids(user)})

    def editable_by(self, user):
        if not _staff(user):
            return self.none()
        if user.is_administrator:
            return self.all()
        return self.filter(**{f"{self.program_path}__in": editable_program_ids(user)})

    def for_vendor(self, vendor_id):
        return self.none()


class MeetingQuerySet(ProgramRecordQuerySet):
    pass


class ActionItemQuerySet(ProgramRecordQuerySet):
    def for_vendor(self, vendor_id):
        """Action items owned by a user of the vendor (the vendor is copied onto the item)."""
        return self.filter(vendor_id=vendor_id)

    def open(self):
        return self.filter(status="open")

    def overdue(self, today=None):
        """Open items due before today in their program's time zone (`today`: that date in every zone)."""
        return self.open().filter(due_before_today_q("due_date", today=today))


class CommunicationQuerySet(ProgramRecordQuerySet):
    def overdue(self, today=None):
        """Active communications whose next sending is before today in their program's time zone
        (ad hoc ones have no due date; `today`: that date in every zone)."""
        return self.filter(active=True).filter(due_before_today_q("next_due_on", today=today))


class CourseQuerySet(ProgramRecordQuerySet):
    pass


class SessionQuerySet(ProgramRecordQuerySet):
    program_path = "course__program"

    def for_vendor(self, vendor_id):
        """Sessions attended (or to be attended) by at least one user of the vendor."""
        from .models import Attendance

        return self.filter(pk__in=Attendance.objects.filter(vendor_id=vendor_id).values("session_id"))


class AttendanceQuerySet(ProgramRecordQuerySet):
    program_path = "session__course__program"

    def for_vendor(self, vendor_id):
        return self.filter(vendor_id=vendor_id)


class SupportRequestQuerySet(ProgramRecordQuerySet):
    def for_vendor(self, vendor_id):
        """Requests raised by a user of the vendor."""
        return self.filter(vendor_id=vendor_id)

    def with_resolved_in(self):
        """Adds `resolved_in` (resolved minus opened, a duration; None while unresolved), in SQL."""
        from django.db.models import DurationField, ExpressionWrapper, F

        return self.annotate(
            resolved_in=ExpressionWrapper(F("resolved_at") - F("opened_at"), output_field=DurationField())
        )
