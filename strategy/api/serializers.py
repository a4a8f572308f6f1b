from rest_framework import serializers

from ..models import Program


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
            "phase",
            "status",
            "start_date",
            "end_date",
            "currency",
            "time_zone",
            "baseline_cost",
            "target_savings_pct",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["status", "created_at", "updated_at"]
