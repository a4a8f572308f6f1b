"""Scorecards are visible when their contract's program's records are (finance and legal read them
only as members: bpo.core.scoping); a vendor sees only published ones of its own contracts
(and those back in review, out of date, after they were published)."""

from django.db import models

from bpo.core.scoping import CONTENT, reads_all_program_content
from contracts.querysets import contract_visibility

from .choices import ScorecardStatus


class TemplateQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Staff read global templates and their programs' templates (as a member who reads the
        program: not an evaluator membership alone); vendors none."""
        if not user.is_authenticated or not user.is_active or user.is_vendor_user:
            return self.none()
        if reads_all_program_content(user):
            return self.all()
        from bpo.accounts.choices import PROGRAM_READING_ROLES

        mine = models.Q(program__memberships__user=user, program__memberships__role__in=PROGRAM_READING_ROLES)
        return self.filter(models.Q(program__isnull=True) | mine).distinct()

    def for_program(self, program):
        """The active templates that apply to a program: its own first, then the global ones."""
        return self.filter(is_active=True).filter(models.Q(program=program) | models.Q(program__isnull=True))


class _ByContract(models.QuerySet):
    contract_path = "contract"
    status_path = "status"

    def visible_to(self, user):
        qs = contract_visibility(self, user, self.contract_path, CONTENT)
        if user.is_authenticated and user.is_vendor_user:
            # Published, or published once and back in review because its period's results changed
            # (the vendor keeps reading it, with the out-of-date note, until it is published anew).
            prefix = self.status_path.removesuffix("status")
            qs = qs.filter(
                models.Q(**{self.status_path: ScorecardStatus.PUBLISHED})
                | models.Q(**{f"{prefix}outdated_at__isnull": False})
            )
        return qs

    def editable_by(self, user):
        """Program managers (and administrators) draft, review, publish and resolve disputes."""
        from contracts.models import Contract

        return self.filter(**{f"{self.contract_path}__in": Contract.objects.editable_by(user).values("pk")})


class ScorecardQuerySet(_ByContract):
    pass


class DisputeQuerySet(_ByContract):
    contract_path = "line__scorecard__contract"
    status_path = "line__scorecard__status"
