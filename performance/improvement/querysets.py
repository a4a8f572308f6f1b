"""Who sees and changes initiatives and lessons, written once.

Initiatives follow their program like the quality records (members read, managers and
contributors change; administrators and executives read all). Lessons are the organisation's
shared knowledge, offered to every program entering the same phase: every staff user who reads a
program's records reads them all (an evaluator-only member reads none, nor finance or legal outside
the programs they are members of: bpo.core.scoping); their author,
the managers of their program and administrators change them. Vendor users read neither.
"""

from django.db import models

from bpo.core.scoping import CONTENT, reads_all_program_content
from risk.querysets import ProgramScopedQuerySet


def _staff(user):
    return user.is_authenticated and user.is_active and not user.is_vendor_user


class InitiativeQuerySet(ProgramScopedQuerySet):
    program_path = "program"

    def decidable_by(self, user):
        """Approving or rejecting an idea: administrators and the program's managers."""
        from strategy.models import Program

        return self.filter(program__in=Program.objects.editable_by(user).values("pk"))


class LessonQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Every staff user who reads a program reads every lesson (shared knowledge); a user who
        reads none (an evaluator-only member sees nothing of a program but their sourcing events)
        reads no lesson."""
        if not _staff(user):
            return self.none()
        if reads_all_program_content(user):
            return self.all()
        from strategy.models import Program

        return self.filter(models.Exists(Program.objects.reading(user, CONTENT)))

    def editable_by(self, user):
        if not _staff(user):
            return self.none()
        if user.is_administrator:
            return self.all()
        from strategy.models import Program

        managed = Program.objects.editable_by(user).values("pk")
        return self.filter(models.Q(created_by=user) | models.Q(program__in=managed))

    def search(self, text: str):
        """Every word of `text` must appear in the title, the body or the tags, in any case.

        A plain case-insensitive contains, so Chinese (which has no spaces between words) and
        English both match on SQLite and PostgreSQL alike; no language-specific full-text index."""
        qs = self
        for term in text.split():
            qs = qs.filter(
                models.Q(title__icontains=term) | models.Q(body__icontains=term) | models.Q(tags__icontains=term)
            )
        return qs

    def for_phase(self, phase: str):
        return self.filter(phase=phase)
