from rest_framework import serializers

from bpo.core.drf import unknown_keys

from ..choices import InvoiceLineKind
from ..invoicing import DISPUTE_REASON_MAX_LENGTH
from ..models import Invoice, Sample
from ..services import CSV_COLUMNS
from .serializers_plan import MonthField


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

    def validate_samples(self, items):
        """An item takes the columns of the CSV upload (SampleItemSerializer): any other key is
        refused on it, `samples.N.key` with N counted from 1 as the intake's own errors are."""
        errors = {}
        for position, item in enumerate(items, start=1):
            refused = unknown_keys(item, CSV_COLUMNS, CSV_COLUMNS)
            if refused:
                errors[str(position)] = refused
        if errors:
            raise serializers.ValidationError(errors)
        return items


class BulkResultSerializer(serializers.Serializer):
    batch = serializers.IntegerField()
    received = serializers.IntegerField()
    created = serializers.IntegerField()


class ExclusionSerializer(serializers.Serializer):
    excluded = serializers.BooleanField()
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class InvoiceLineSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=InvoiceLineKind.choices, read_only=True)
    rate_card_line = serializers.IntegerField(allow_null=True, read_only=True, source="rate_card_line_id")
    description = serializers.CharField(
        read_only=True,
        source="label",
        help_text="The item: the rate card item as priced, or the monthly fee in the request's language",
    )
    quantity = serializers.DecimalField(max_digits=14, decimal_places=4, read_only=True)
    rate = serializers.DecimalField(max_digits=14, decimal_places=4, read_only=True)
    amount = serializers.DecimalField(max_digits=16, decimal_places=2, read_only=True)


class DeductionSerializer(serializers.Serializer):
    credit = serializers.IntegerField(source="credit_id", read_only=True)
    amount = serializers.DecimalField(max_digits=16, decimal_places=2, read_only=True)


class InvoiceSerializer(serializers.ModelSerializer):
    lines = InvoiceLineSerializer(many=True, read_only=True)
    deductions = DeductionSerializer(many=True, read_only=True)

    class Meta:
        model = Invoice
        fields = [
            "id",
            "contract",
            "number",
            "period",
            "status",
            "gross_amount",
            "deduction_amount",
            "net_amount",
            "dispute_reason",
            "submitted_at",
            "validated_at",
            "decided_at",
            "lines",
            "deductions",
        ]
        read_only_fields = fields


class InvoiceSubmitLineSerializer(serializers.Serializer):
    rate_card_line = serializers.IntegerField(help_text="The id of a line of the contract's rate card")
    quantity = serializers.DecimalField(max_digits=14, decimal_places=4)


class InvoiceSubmitSerializer(serializers.Serializer):
    contract = serializers.IntegerField()
    number = serializers.CharField(max_length=60)
    period = MonthField(
        help_text="The month invoiced: YYYY-MM (2026-01) or its first day (2026-01-01); another day is refused, "
        "as for status reports."
    )
    include_monthly_fee = serializers.BooleanField(required=False, default=False)
    lines = InvoiceSubmitLineSerializer(many=True, required=False, default=list)


class InvoiceDisputeSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=DISPUTE_REASON_MAX_LENGTH)
