from rest_framework import serializers

from ..models import Sample


class SampleSerializer(serializers.ModelSerializer):
    service_level_code = serializers.CharField(source="service_level.code", read_only=True)
    contract = serializers.IntegerField(source="service_level.contract_id", read_only=True)

    class Meta:
        model = Sample
        fields = [
            "id",
            "contract",
            "service_level",
            "service_level_code",
            "measured_at",
            "value",
            "reference",
            "excluded",
            "exclusion_reason",
            "excluded_at",
        ]
        read_only_fields = fields


class SampleItemSerializer(serializers.Serializer):
    service_level = serializers.CharField(help_text="The service level's code, e.g. ASA20")
    measured_at = serializers.CharField(help_text="ISO 8601; without an offset, the program's time zone")
    value = serializers.CharField()
    reference = serializers.CharField(required=False, allow_blank=True, default="")


class BulkSamplesSerializer(serializers.Serializer):
    contract = serializers.IntegerField()
    samples = serializers.ListField(child=serializers.DictField(), allow_empty=False)


class BulkResultSerializer(serializers.Serializer):
    batch = serializers.IntegerField()
    received = serializers.IntegerField()
    created = serializers.IntegerField()


class ExclusionSerializer(serializers.Serializer):
    excluded = serializers.BooleanField()
    reason = serializers.CharField(required=False, allow_blank=True, default="")
