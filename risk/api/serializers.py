from rest_framework import serializers

from bpo.core.zones import isoformat_in_zone

from ..models import ContingencyPlan, CorrectiveAction, Drill, Incident, Risk, RiskReview


class RiskReviewSerializer(serializers.ModelSerializer):
    class Meta:
        model = RiskReview
        fields = [
            "id",
            "risk",
            "reviewed_at",
            "reviewed_by",
            "inherent_likelihood",
            "inherent_impact",
            "inherent_score",
            "inherent_level",
            "residual_likelihood",
            "residual_impact",
            "residual_score",
            "residual_level",
            "notes",
            "next_review_date",
        ]
        read_only_fields = fields


class RiskSerializer(serializers.ModelSerializer):
    """Scores and levels are read-only here: they change through POST /risks/{id}/assess/."""

    reference = serializers.CharField(read_only=True)
    review_reason = serializers.CharField(source="review_reason_text", read_only=True)  # the request's language

    class Meta:
        model = Risk
        fields = [
            "id",
            "reference",
            "program",
            "contract",
            "vendor",
            "title",
            "category",
            "cause",
            "event",
            "effect",
            "inherent_likelihood",
            "inherent_impact",
            "inherent_score",
            "inherent_level",
            "controls",
            "residual_likelihood",
            "residual_impact",
            "residual_score",
            "residual_level",
            "owner",
            "treatment",
            "treatment_plan",
            "review_frequency",
            "next_review_date",
            "review_reason",
            "assessed_at",
            "status",
            "shared_with_vendor",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [
            "inherent_likelihood",
            "inherent_impact",
            "inherent_score",
            "inherent_level",
            "residual_likelihood",
            "residual_impact",
            "residual_score",
            "residual_level",
            "review_reason",
            "assessed_at",
            "created_at",
            "updated_at",
        ]


class AssessSerializer(serializers.Serializer):
    inherent_likelihood = serializers.IntegerField(min_value=1, max_value=5)
    inherent_impact = serializers.IntegerField(min_value=1, max_value=5)
    residual_likelihood = serializers.IntegerField(min_value=1, max_value=5)
    residual_impact = serializers.IntegerField(min_value=1, max_value=5)
    notes = serializers.CharField(required=False, allow_blank=True, default="")
    next_review_date = serializers.DateField(required=False, allow_null=True, default=None)


class PlanSerializer(serializers.ModelSerializer):
    steps = serializers.SerializerMethodField()

    class Meta:
        model = ContingencyPlan
        fields = [
            "id",
            "program",
            "risk",
            "contract",
            "vendor",
            "title",
            "scenario",
            "triggers",
            "steps",
            "backup_vendor",
            "resources",
            "communication_tree",
            "recovery_time_hours",
            "recovery_point_hours",
            "recovery_targets",
            "exit_plan",
            "owner",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_steps(self, plan) -> list[dict]:
        return [
            {"order": s.order, "who": s.who, "action": s.action, "within_minutes": s.within_minutes}
            for s in plan.steps.all()
        ]


class DrillSerializer(serializers.ModelSerializer):
    objectives = serializers.SerializerMethodField()
    findings = serializers.SerializerMethodField()

    class Meta:
        model = Drill
        fields = [
            "id",
            "plan",
            "title",
            "scheduled_for",
            "status",
            "run_on",
            "participants",
            "other_participants",
            "summary",
            "objectives",
            "findings",
        ]
        read_only_fields = fields

    def get_objectives(self, drill) -> list[dict]:
        return [
            {"id": o.pk, "description": o.description, "result": o.result, "notes": o.notes}
            for o in drill.objectives.all()
        ]

    def get_findings(self, drill) -> list[dict]:
        return [{"id": f.pk, "description": f.description} for f in drill.findings.all()]


class ProgramZoneTimes:
    """A serializer mixin: the datetimes named in `zone_fields` are answered in ISO 8601 with the
    offset of the record's program's time zone (2026-11-26T09:30:00+08:00), the same instant
    as the server's offset, read as the pages show it (bpo/core/zones.py)."""

    zone_fields: tuple[str, ...] = ()

    def to_representation(self, instance):
        data = super().to_representation(instance)
        for name in self.zone_fields:
            data[name] = isoformat_in_zone(getattr(instance, name), instance.program.time_zone)
        return data


class IncidentSerializer(ProgramZoneTimes, serializers.ModelSerializer):
    """Read-only (incidents change on their pages). Times in the program's time zone."""

    reference = serializers.CharField(read_only=True)
    zone_fields = ("occurred_at", "resolved_at", "plan_activated_at", "reviewed_at")

    class Meta:
        model = Incident
        fields = [
            "id",
            "reference",
            "program",
            "risk",
            "vendor",
            "title",
            "description",
            "severity",
            "status",
            "occurred_at",
            "resolved_at",
            "plan",
            "plan_activated_at",
            "review_summary",
            "root_cause",
            "lessons_learned",
            "reviewed_at",
            "reviewed_by",
        ]
        read_only_fields = fields


class CorrectiveActionSerializer(ProgramZoneTimes, serializers.ModelSerializer):
    """Read-only. Progress, done and verification times in the program's time zone."""

    zone_fields = ("progress_at", "done_at", "verified_at")
    reference = serializers.CharField(read_only=True)
    title = serializers.CharField(source="display_title", read_only=True)  # in the request's language
    problem = serializers.CharField(source="display_problem", read_only=True)

    class Meta:
        model = CorrectiveAction
        fields = [
            "id",
            "reference",
            "program",
            "source",
            "risk",
            "drill_finding",
            "incident",
            "contract",
            "result",
            "audit",
            "quality_review",
            "title",
            "problem",
            "root_cause",
            "action_plan",
            "owner",
            "vendor",
            "due_date",
            "status",
            "progress_note",
            "progress_at",
            "done_at",
            "verified_at",
            "verified_by",
            "verification_notes",
        ]
        read_only_fields = fields
