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
    # language; empty while it is current. A vendor's names no figure under review.
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

    def to_representation(self, card):
        """A vendor reads a scorecard back in review as published: its total, band, lines and note
        (Scorecard.as_published), never the figures being reviewed again; staff read them all."""
        data = super().to_representation(card)
        request = self.context.get("request")
        if request is None or not request.user.is_vendor_user or not card.is_outdated:
            return data
        shown = card.as_published()
        total = self.fields["total"]
        data["total"] = None if shown.total is None else total.to_representation(shown.total)
        data["band"], data["is_partial"], data["outdated_note"] = shown.band, shown.is_partial, shown.note
        data["lines"] = ScorecardLineSerializer(shown.lines(), many=True, context=self.context).data
        return data


class ScorecardViewSet(viewsets.ReadOnlyModelViewSet):
    """Scorecards the user may see (vendors: their own published ones)."""

    serializer_class = ScorecardSerializer
    filterset_class = ScorecardFilterSet

    def get_queryset(self):
        return (
            Scorecard.objects.visible_to(self.request.user)
            .select_related("period", "contract__program")
            .prefetch_related("lines")
            .order_by("-period__start", "pk")
        )
