from rest_framework import serializers

from ..models import Contract, ServiceLevel


class ContractSerializer(serializers.ModelSerializer):
    counted_against_budget = serializers.SerializerMethodField(
        help_text="Whether the contract's invoices count against its program's budget: false when the contract "
        "is in another currency than the program's (there are no exchange rates; the contract page warns). "
        "Null for vendor users: the client's budget is not theirs to see."
    )

    class Meta:
        model = Contract
        fields = [
            "id",
            "program",
            "vendor",
            "number",
            "title",
            "contract_type",
            "parent",
            "status",
            "start_date",
            "end_date",
            "signed_date",
            "auto_renewal",
            "renewal_term_months",
            "notice_period_days",
            "currency",
            "counted_against_budget",
            "value",
            "monthly_fee",
            "at_risk_pct",
            "credit_pool_limit_pct",
            "grace_days",
            "payment_terms",
            "penalty_clauses",
            "internal_notes",
            "terms_version",
            "renewal_count",
            "last_renewed_on",
            "last_renewal_kind",
            "expired_on",
            "terminated_on",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [
            "status",
            "signed_date",
            "terms_version",
            "renewal_count",
            "last_renewed_on",
            "last_renewal_kind",
            "expired_on",
            "terminated_on",
            "created_at",
            "updated_at",
        ]
        extra_kwargs = {"currency": {"required": False}}

    def to_representation(self, instance):
        data = super().to_representation(instance)
        request = self.context.get("request")
        if request is not None and request.user.is_vendor_user:
            data.pop("internal_notes", None)  # never shown to the vendor
        return data

    def get_counted_against_budget(self, contract) -> bool | None:
        request = self.context.get("request")
        if request is not None and request.user.is_vendor_user:
            return None  # null, not left out: the schema's response keeps one shape for every caller
        # The viewset selects the program with the contract, so this reads no row per contract.
        return not contract.outside_program_budget


class ServiceLevelSerializer(serializers.ModelSerializer):
    class Meta:
        model = ServiceLevel
        fields = [
            "id",
            "contract",
            "code",
            "name",
            "kind",
            "measure",
            "threshold",
            "percentile",
            "direction",
            "expected",
            "minimum",
            "unit",
            "period",
            "allocation_pct",
            "earn_back_periods",
            "min_samples",
            "active",
        ]
        # The model's constraints are checked by the service (full_clean) and answered as 400.
        validators = []


class ObligationSerializer(serializers.ModelSerializer):
    class Meta:
        from ..models import Obligation

        model = Obligation
        fields = [
            "id",
            "contract",
            "party",
            "category",
            "title",
            "description",
            "due_date",
            "recurrence",
            "owner",
            "evidence",
            "status",
        ]


class ChangeRequestSerializer(serializers.ModelSerializer):
    class Meta:
        from ..models import ChangeRequest

        model = ChangeRequest
        fields = [
            "id",
            "contract",
            "title",
            "description",
            "proposed_terms",
            "effective_date",
            "status",
            "raised_by",
            "raised_at",
            "cost_impact",
            "schedule_impact_days",
            "scope_impact",
            "decision_comments",
            "decided_at",
        ]
        read_only_fields = [
            "status",
            "raised_by",
            "raised_at",
            "cost_impact",
            "schedule_impact_days",
            "scope_impact",
            "decision_comments",
            "decided_at",
        ]


class ChangeAssessSerializer(serializers.ModelSerializer):
    """The impact a manager records on a submitted or assessed change request (the page's form):
    the model's own limits apply (cost with two decimals, schedule impact in days)."""

    class Meta:
        from ..models import ChangeRequest

        model = ChangeRequest
        fields = ["cost_impact", "schedule_impact_days", "scope_impact", "effective_date"]
        extra_kwargs = {
            "cost_impact": {"help_text": "Left out or null: no cost impact recorded."},
            "schedule_impact_days": {"help_text": "Left out or null: no schedule impact recorded."},
            "effective_date": {
                "help_text": "Left out, the proposed effective date is kept; null clears it (the approval then "
                "defaults to its own day). Checked as on the page (not before the contract's start nor in a "
                "closed month, not after its end...)."
            },
        }


class ChangeDecisionSerializer(serializers.Serializer):
    """A manager's decision on an assessed change request (the page's decision form)."""

    approve = serializers.BooleanField(help_text="true approves (the amendment is recorded), false rejects.")
    effective_date = serializers.DateField(
        required=False,
        allow_null=True,
        help_text="When approved, the day the amended terms apply. Left out or null: the one proposed or "
        "assessed, else today in the program's time zone (the contract's start if it has not started).",
    )
    decision_comments = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text="The reasons (required to reject); at most 2,000 characters.",
    )


class AmendmentWithdrawSerializer(serializers.Serializer):
    """Why an approved amendment still waiting for its effective date is withdrawn."""

    reason = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="Required; at most 2,000 characters."
    )


class DisputeSerializer(serializers.ModelSerializer):
    class Meta:
        from ..models import Dispute

        model = Dispute
        fields = [
            "id",
            "contract",
            "title",
            "description",
            "level",
            "level_deadline",
            "status",
            "resolution",
            "raised_by",
            "raised_at",
            "resolved_at",
        ]
        read_only_fields = ["level", "level_deadline", "status", "resolution", "raised_by", "raised_at", "resolved_at"]


class RateCardLineSerializer(serializers.ModelSerializer):
    class Meta:
        from ..models import RateCardLine

        model = RateCardLine
        fields = ["id", "contract", "item", "unit", "rate"]
        # The unique (contract, item, unit) rule is checked by the service (full_clean) and answered as 400.
        validators = []
