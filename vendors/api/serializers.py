from rest_framework import serializers

from ..models import Proposal, SourcingEvent, Vendor


class VendorSerializer(serializers.ModelSerializer):
    class Meta:
        model = Vendor
        fields = [
            "id",
            "name",
            "local_name",
            "registration_number",
            "country",
            "website",
            "capabilities",
            "tier",
            "status",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]


class SourcingEventSerializer(serializers.ModelSerializer):
    criteria = serializers.SerializerMethodField()
    requirements = serializers.SerializerMethodField()

    class Meta:
        model = SourcingEvent
        fields = [
            "id",
            "program",
            "kind",
            "title",
            "scope",
            "status",
            "published_at",
            "questions_deadline",
            "submission_deadline",
            "criteria",
            "requirements",
        ]
        read_only_fields = ["status", "published_at"]

    def get_criteria(self, obj):
        return [{"id": c.pk, "name": c.name, "weight": c.weight, "is_price": c.is_price} for c in obj.criteria.all()]

    def get_requirements(self, obj):
        return [{"id": r.pk, "text": r.text} for r in obj.requirements.all()]


class ProposalSerializer(serializers.ModelSerializer):
    """Only ever built from Proposal.objects.visible_to(user): sealed proposals never get here."""

    class Meta:
        model = Proposal
        fields = ["id", "event", "vendor", "status", "price", "price_breakdown", "answers", "revision", "submitted_at"]
        read_only_fields = fields
