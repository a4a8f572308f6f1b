from django.utils import timezone
from rest_framework import serializers

from bpo.core.zones import aware_in_zone, isoformat_in_zone

from ..models import Criterion, Proposal, Requirement, SourcingEvent, Vendor


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


class CriterionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Criterion
        fields = ["id", "name", "weight", "is_price"]
        read_only_fields = fields


class RequirementSerializer(serializers.ModelSerializer):
    class Meta:
        model = Requirement
        fields = ["id", "text"]
        read_only_fields = fields


ZONED_FIELDS = ("published_at", "questions_deadline", "submission_deadline")


class ProgramLocalDateTimeField(serializers.DateTimeField):
    """A deadline: with an offset, that instant; without one (2026-12-18T23:35), the program's
    local time (SourcingEventSerializer.validate), not the server's."""

    def enforce_timezone(self, value):
        return value if timezone.is_naive(value) else super().enforce_timezone(value)


class SourcingEventSerializer(serializers.ModelSerializer):
    criteria = CriterionSerializer(many=True, read_only=True)
    requirements = RequirementSerializer(many=True, read_only=True)
    questions_deadline = ProgramLocalDateTimeField()
    submission_deadline = ProgramLocalDateTimeField(
        help_text="Proposals are sealed until this moment. Without an offset, in the program's time zone."
    )

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

    def validate(self, attrs):
        program = attrs.get("program") or getattr(self.instance, "program", None)
        for name in ("questions_deadline", "submission_deadline"):
            value = attrs.get(name)
            if value is not None and timezone.is_naive(value):
                attrs[name] = aware_in_zone(value, program.time_zone if program else None)
        return attrs

    def to_representation(self, instance):
        """The deadlines in ISO 8601 with the program's offset (2026-12-18T23:35:00+08:00): the
        same instant as UTC, read as the pages show it."""
        data = super().to_representation(instance)
        for name in ZONED_FIELDS:
            data[name] = isoformat_in_zone(getattr(instance, name), instance.program.time_zone)
        return data


class ProposalSerializer(serializers.ModelSerializer):
    """Only ever built from Proposal.objects.visible_to(user): sealed proposals never get here."""

    class Meta:
        model = Proposal
        fields = ["id", "event", "vendor", "status", "price", "price_breakdown", "answers", "revision", "submitted_at"]
        read_only_fields = fields

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["submitted_at"] = isoformat_in_zone(instance.submitted_at, instance.event.program.time_zone)
        return data


class ScoreField(serializers.DecimalField):
    """A score read by the score sheet's own rule (vendors.services.evaluation.parse_score): DRF's
    DecimalField read the text "1e1" as 10 before the service saw it; the sheet and the README
    refuse exponent notation. A JSON number is read as the number it is (7.5)."""

    def to_internal_value(self, data):
        from django.core.exceptions import ValidationError as DjangoValidationError

        from ..services.evaluation import parse_score

        if isinstance(data, bool):
            data = str(data)
        elif isinstance(data, float):
            data = repr(data)
        try:
            return parse_score(data)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.messages) from exc


class ScoreSerializer(serializers.ModelSerializer):
    """One evaluator's score of a proposal on a criterion. Posting one saves the caller's own
    score (an upsert) through the same service as the score sheet."""

    evaluator = serializers.IntegerField(source="assignment.user_id", read_only=True)
    proposal = serializers.IntegerField(source="proposal_id", help_text="The id of a proposal of the event")
    criterion = serializers.IntegerField(source="criterion_id", help_text="The id of a non-price criterion")
    score = ScoreField(max_digits=4, decimal_places=1, help_text="0 to 10, at most 1 decimal place (7, 7.5)")

    class Meta:
        from ..models import Score

        model = Score
        fields = ["id", "proposal", "criterion", "evaluator", "score", "comment"]
        # (assignment, proposal, criterion) is unique: the service updates the existing score.
        validators = []


class ScoreSubmitSerializer(serializers.Serializer):
    event = serializers.IntegerField(help_text="The id of the sourcing event whose sheet is submitted")


class RankingCriterionSerializer(serializers.Serializer):
    """A criterion of the ranking: its id is the key of each row's `points`."""

    id = serializers.IntegerField()
    name = serializers.CharField()
    weight = serializers.IntegerField()


class RankingRowSerializer(serializers.Serializer):
    """One ranked proposal: points per criterion id, total, rank (null when disqualified). The price,
    points and total are decimal strings with 2 places ("3600000.00", "37.22"), as every amount of
    the API (they were JSON floats, 3600000.0)."""

    proposal = serializers.IntegerField()
    vendor = serializers.IntegerField()
    price = serializers.DecimalField(max_digits=16, decimal_places=2, allow_null=True)
    # Points are rounded to 2 places (vendors.scoring).
    points = serializers.DictField(child=serializers.DecimalField(max_digits=None, decimal_places=2, allow_null=True))
    total = serializers.DecimalField(max_digits=None, decimal_places=2, allow_null=True)
    rank = serializers.IntegerField(allow_null=True)
    disqualified = serializers.BooleanField()
    flags = serializers.ListField(child=serializers.CharField())


class RankingSerializer(serializers.Serializer):
    """GET /sourcing-events/{id}/ranking/: empty rows while the proposals are sealed."""

    sealed = serializers.BooleanField()
    blind = serializers.BooleanField()
    criteria = RankingCriterionSerializer(many=True)
    rows = RankingRowSerializer(many=True)
