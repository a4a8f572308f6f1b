from rest_framework import serializers

from ..models import Credit, Period, Result


class PeriodSerializer(serializers.ModelSerializer):
    class Meta:
        model = Period
        fields = [
            "id",
            "contract",
            "kind",
            "start",
            "end",
            "status",
            "charges",
            "at_risk_amount",
            "evaluated_at",
            "finalized_at",
        ]
        read_only_fields = fields


class ResultSerializer(serializers.ModelSerializer):
    contract = serializers.IntegerField(source="period.contract_id", read_only=True)
    period_start = serializers.DateField(source="period.start", read_only=True)
    period_status = serializers.CharField(source="period.status", read_only=True)
    service_level_code = serializers.CharField(source="service_level.code", read_only=True)

    class Meta:
        model = Result
        fields = [
            "id",
            "contract",
            "period",
            "period_start",
            "period_status",
            "service_level",
            "service_level_code",
            "value",
            "sample_count",
            "excluded_count",
            "state",
            "expected",
            "minimum",
            "direction",
            "computed_at",
        ]
        read_only_fields = fields


class CreditSerializer(serializers.ModelSerializer):
    contract = serializers.IntegerField(source="period.contract_id", read_only=True)
    period_start = serializers.DateField(source="period.start", read_only=True)
    service_level_code = serializers.CharField(source="service_level.code", read_only=True)

    class Meta:
        model = Credit
        fields = [
            "id",
            "contract",
            "period",
            "period_start",
            "service_level",
            "service_level_code",
            "allocation_pct",
            "uncapped_amount",
            "amount",
            "earn_back_periods",
            "status",
            "resolved_at",
        ]
        read_only_fields = fields
