from django.contrib import admin

from .models import AwardDecision, Proposal, SourcingEvent, Vendor, VendorChangeRequest


@admin.register(Vendor)
class VendorAdmin(admin.ModelAdmin):
    list_display = ("name", "local_name", "country", "tier", "status")
    list_filter = ("tier", "status")
    search_fields = ("name", "local_name")


@admin.register(SourcingEvent)
class SourcingEventAdmin(admin.ModelAdmin):
    list_display = ("title", "program", "kind", "status", "submission_deadline")
    list_filter = ("kind", "status")


@admin.register(Proposal)
class ProposalAdmin(admin.ModelAdmin):
    """Sealed like everywhere else: the admin lists only proposals whose deadline has passed."""

    list_display = ("event", "vendor", "status", "submitted_at")
    exclude = ("price", "price_breakdown", "answers")

    def get_queryset(self, request):
        return Proposal.objects.visible_to(request.user)

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(VendorChangeRequest)
class VendorChangeRequestAdmin(admin.ModelAdmin):
    list_display = ("vendor", "status", "created_at")


@admin.register(AwardDecision)
class AwardDecisionAdmin(admin.ModelAdmin):
    list_display = ("event", "proposal", "approved_at")
