"""Who may see and change which vendor-side records: the rules are written here once.

Sealing lives in ProposalQuerySet.visible_to: before an event's submission deadline no staff
user (administrators included) gets any of its proposals, so no page, API or export can show one.

Who reads sourcing at all lives in SourcingEventQuerySet.visible_to, and everything under an event
(its parts, proposals, attachments, checks, due diligence, evaluators, scores, the award) follows it.
"""

from django.db import models
from django.db.models import Q
from django.utils import timezone


def _active(user) -> bool:
    return bool(user.is_authenticated and user.is_active)


class VendorQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Staff read the whole registry; a vendor user reads only their own vendor."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_vendor_user:
            return self.filter(pk=user.vendor_id)
        return self.all()

    def editable_by(self, user):
        """Administrators and program managers keep the registry; vendors propose changes instead."""
        if not user.is_authenticated or not user.is_active or user.is_vendor_user:
            return self.none()
        if user.is_administrator or user.manages_any_program():
            return self.all()
        return self.none()


class VendorPartQuerySet(models.QuerySet):
    """Contacts, certifications, documents and change requests follow their vendor."""

    def visible_to(self, user):
        from .models import Vendor

        return self.filter(vendor__in=Vendor.objects.visible_to(user))

    def editable_by(self, user):
        from .models import Vendor

        return self.filter(vendor__in=Vendor.objects.editable_by(user))


def reads_every_event(user) -> bool:
    """Administrators and executives read every program's sourcing events. Finance and legal read
    every program too, but within their role (DOMAIN): money and contracts, never bids or each
    evaluator's scores ("sealed and fair vendor evaluation"; user test 2026-11-28: the legal token
    listed every evaluator's score per proposal). They read an event as other staff do."""
    from bpo.core.scoping import reads_all_program_content

    return reads_all_program_content(user)


class SourcingEventQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Vendor users: published events their vendor is invited to. Administrators and executives:
        every event (`reads_every_event`; not finance or legal, who read every program's money or
        contracts, not its sourcing). Other staff, finance and legal included: events of the
        programs they read as a member (managers, contributors, viewers) or sponsor, and the events
        they are assigned to evaluate while they are still a member of the event's program. An
        evaluator sees only their assigned events; removed from the program, none of them (the
        assignment alone grants nothing, so proposals, attachments and scores follow). The contract
        an award creates is not sourcing: legal and finance read it (contracts.querysets)."""
        from bpo.accounts.choices import PROGRAM_READING_ROLES
        from bpo.accounts.models import ProgramMembership

        from .models import EvaluatorAssignment

        if not _active(user):
            return self.none()
        if user.is_vendor_user:
            return self.filter(invitations__vendor_id=user.vendor_id).exclude(status="draft").distinct()
        if reads_every_event(user):
            return self.all()
        memberships = ProgramMembership.objects.filter(user=user)
        reading = memberships.filter(role__in=PROGRAM_READING_ROLES).values("program_id")
        assigned = Q(pk__in=EvaluatorAssignment.objects.filter(user=user).values("event_id")) & Q(
            program_id__in=memberships.values("program_id")
        )
        return self.filter(Q(program_id__in=reading) | Q(program__sponsor=user) | assigned)

    def editable_by(self, user):
        """Administrators and the program's managers run an event."""
        if not _active(user) or user.is_vendor_user:
            return self.none()
        if user.is_administrator:
            return self.all()
        return self.filter(program__memberships__user=user, program__memberships__role="manager").distinct()


class EventPartQuerySet(models.QuerySet):
    """A record of one event follows the event. `vendor_sees` says what an invited vendor may read
    of it: everything (documents, requirements, criteria), only their own, or nothing."""

    vendor_sees = "all"  # "all", "own" (rows with vendor = theirs), "none"

    def visible_to(self, user):
        from .models import SourcingEvent

        qs = self.filter(event__in=SourcingEvent.objects.visible_to(user))
        if _active(user) and user.is_vendor_user:
            if self.vendor_sees == "none":
                return self.none()
            if self.vendor_sees == "own":
                return qs.filter(vendor_id=user.vendor_id)
        return qs

    def editable_by(self, user):
        from .models import SourcingEvent

        return self.filter(event__in=SourcingEvent.objects.editable_by(user))


class InvitationQuerySet(EventPartQuerySet):
    vendor_sees = "own"


class StaffEventPartQuerySet(EventPartQuerySet):
    """Evaluators and the award: never shown to vendors."""

    vendor_sees = "none"


class QuestionQuerySet(EventPartQuerySet):
    def visible_to(self, user):
        """Vendors read every answered question of their events (without the asker) and their own open ones."""
        qs = super().visible_to(user)
        if _active(user) and user.is_vendor_user:
            return qs.filter(Q(answered_at__isnull=False) | Q(vendor_id=user.vendor_id))
        return qs


class ProposalQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A vendor user: their own vendor's proposals. Staff: submitted proposals of the events
        they see, and only once the event's submission deadline has passed (sealed until then)."""
        from .models import SourcingEvent

        if not _active(user):
            return self.none()
        if user.is_vendor_user:
            return self.filter(vendor_id=user.vendor_id)
        return self.filter(
            event__in=SourcingEvent.objects.visible_to(user),
            event__submission_deadline__lte=timezone.now(),
            status="submitted",
        )

    def editable_by(self, user):
        """Only the vendor's own users change a proposal (through the portal, before the deadline)."""
        if not _active(user) or not user.is_vendor_user:
            return self.none()
        return self.filter(vendor_id=user.vendor_id)


class ProposalPartQuerySet(models.QuerySet):
    """Attachments follow their proposal (sealing included); `internal` parts are never shown to vendors."""

    internal = False

    def visible_to(self, user):
        from .models import Proposal

        if self.internal and _active(user) and user.is_vendor_user:
            return self.none()
        return self.filter(proposal__in=Proposal.objects.visible_to(user))

    def editable_by(self, user):
        from .models import SourcingEvent

        return self.filter(proposal__event__in=SourcingEvent.objects.editable_by(user))


class InternalProposalPartQuerySet(ProposalPartQuerySet):
    internal = True


class ScoreQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Never to vendors. Everyone sees their own scores. Another evaluator's scores are seen
        only once that evaluator has submitted their sheet (a draft can still change and does
        not count), and only by who may open the proposals and is not still scoring the event
        themselves (blind scoring: an evaluator sees the others' after submitting their own)."""
        from .models import EvaluatorAssignment, Proposal

        if not _active(user) or user.is_vendor_user:
            return self.none()
        qs = self.filter(proposal__in=Proposal.objects.visible_to(user))
        pending = EvaluatorAssignment.objects.filter(user=user, submitted_at__isnull=True).values("event_id")
        others_final = Q(assignment__submitted_at__isnull=False) & ~Q(proposal__event_id__in=pending)
        return qs.filter(others_final | Q(assignment__user=user))

    def editable_by(self, user):
        return self.filter(assignment__user=user, assignment__submitted_at__isnull=True)
