from rest_framework import serializers

from ..choices import Phase
from ..models import Program
from ..services import CHARTER_KINDS


class ProgramSerializer(serializers.ModelSerializer):
    class Meta:
        model = Program
        fields = [
            "id",
            "code",
            "name",
            "description",
            "business_unit",
            "sponsor",
            "owner",
            "strategic_alignment",
            "phase",
            "status",
            "revision",
            "return_reason",
            "start_date",
            "end_date",
            "currency",
            "time_zone",
            "baseline_cost",
            "target_savings_pct",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["status", "revision", "return_reason", "created_at", "updated_at"]


def charter_serializer_for(kind):
    """A serializer for one charter kind: its editable fields, plus the program (set on create only)."""
    model, fields = CHARTER_KINDS[kind]
    extra = ["approved_by", "approved_at"] if kind == "budget" else []
    meta = type(
        "Meta",
        (),
        {"model": model, "fields": ["id", "program", *fields, *extra], "read_only_fields": extra},
    )
    return type(f"{model.__name__}Serializer", (serializers.ModelSerializer,), {"Meta": meta})


class GateSerializer(serializers.Serializer):
    """One phase gate of a program: its checklist state and, once passed, when and how."""

    phase = serializers.ChoiceField(choices=Phase.choices)
    met = serializers.BooleanField()
    missing = serializers.ListField(child=serializers.CharField())
    passed_at = serializers.DateTimeField(allow_null=True)
    override_reason = serializers.CharField(allow_blank=True)
    is_current = serializers.BooleanField()


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True)
    override_reason = serializers.CharField(required=False, allow_blank=True)
