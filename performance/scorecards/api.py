"""Read-only scorecard endpoints (the workflow's writes go through the pages' services)."""

from rest_framework import serializers, viewsets

from .filtersets import ScorecardFilterSet
from .models import Scorecard, ScorecardLine


class ScorecardLineSerializer(serializers.ModelSerializer):
    # How the score was computed, in the request's language (the stored figures worded).
    basis = serializers.CharField(source="basis_text", read_only=True)

    class Meta:
        model = ScorecardLine
        # No internal note and no reviewer ratings: the vendor reads this endpoint too.
        fields = ["id", "name", "kind", "weight", "score", "original_score", "basis"]
        read_only_fields = fields


class ScorecardSerializer(serializers.ModelSerializer):
    lines = ScorecardLineSerializer(many=True, read_only=True)
    # Why a published scorecard is back in review (its period's results changed), in the request's
    # language; empty while it is current.
    outdated_note = serializers.CharField(read_only=True)

    class Meta:
        model = Scorecard
        fields = [
            "id",
            "contract",
            "period",
            "status",
            "total",
            "band",
            "is_partial",
            "published_at",
            "acknowledged_at",
            "outdated_at",
            "outdated_note",
            "lines",
        ]
        read_only_fields = fields


class ScorecardViewSet(viewsets.ReadOnlyModelViewSet):
    """Scorecards the user may see (vendors: their own published ones)."""

    serializer_class = ScorecardSerializer
    filterset_class = ScorecardFilterSet

    def get_queryset(self):
        return (
            Scorecard.objects.visible_to(self.request.user)
            .select_related("period")
            .prefetch_related("lines")
            .order_by("-period__start", "pk")
        )
