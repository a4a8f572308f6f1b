from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VendorsConfig(AppConfig):
    name = "vendors"
    # Pages of this stage in the staff menu: (label, URL name).
    nav_items = [
        (_("Vendor registry"), "vendors:vendor_list"),
        (_("Sourcing events"), "vendors:event_list"),
        (_("Profile change requests"), "vendors:change_request_list"),
    ]
    verbose_name = _("Vendors")
    home_panel = "vendors/_home_panel.html"
    portal_panel = "portal/vendors/_home_panel.html"

    def ready(self):
        from auditlog.registry import auditlog

        from . import models

        for model in (
            models.Vendor,
            models.VendorContact,
            models.VendorCertification,
            models.VendorDocument,
            models.VendorChangeRequest,
            models.SourcingEvent,
            models.Invitation,
            models.Requirement,
            models.Criterion,
            models.EventDocument,
            models.Question,
            models.EvaluatorAssignment,
            models.Score,
            models.RequirementCheck,
            models.DueDiligence,
            models.AwardDecision,
        ):
            auditlog.register(model)
        # Sealed bids: the audit log (readable in /admin/) must not carry a price or answers.
        auditlog.register(models.Proposal, exclude_fields=["price", "price_breakdown", "answers"])

    def home_context(self, user):
        """The staff home: my open score sheets and the awards waiting for my approval (as the
        program's sponsor or an administrator); nothing when there are none."""
        from .models import AwardDecision, EvaluatorAssignment, SourcingEvent

        # Only the sheets of events they still read: removed from the program, an assignment grants nothing.
        sheets = EvaluatorAssignment.objects.filter(
            user=user,
            submitted_at__isnull=True,
            event__status="published",
            event__in=SourcingEvent.objects.visible_to(user),
        )
        sheets = list(sheets.select_related("event__program"))
        awards = AwardDecision.objects.filter(
            approved_at__isnull=True, event__in=SourcingEvent.objects.visible_to(user)
        ).select_related("event", "proposal__vendor")
        if not user.is_administrator:
            awards = awards.filter(event__program__sponsor=user)
        awards = list(awards)
        return {"sheets": sheets, "awards": awards} if sheets or awards else None

    def portal_context(self, user):
        """The portal home: the events our vendor is invited to and that are still open."""
        from django.utils import timezone

        from .models import SourcingEvent

        events = (
            SourcingEvent.objects.visible_to(user)
            .filter(status="published", submission_deadline__gt=timezone.now())
            .select_related("program")
        )
        return {"open_events": list(events)}
