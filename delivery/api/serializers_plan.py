from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from bpo.core.filters import MonthError, parse_month

from ..models import StatusReport, Task, TransitionItem, WorkPackage


class WorkPackageSerializer(serializers.ModelSerializer):
    class Meta:
        model = WorkPackage
        fields = ["id", "program", "name", "position"]


class TaskSerializer(serializers.ModelSerializer):
    """A task of the plan; `finish_variance` (days late against the baseline finish) is computed."""

    finish_variance = serializers.IntegerField(read_only=True)
    depends_on = serializers.PrimaryKeyRelatedField(many=True, queryset=Task.objects.all(), required=False)

    class Meta:
        model = Task
        fields = [
            "id",
            "program",
            "work_package",
            "contract",
            "name",
            "description",
            "owner",
            "vendor",
            "baseline_start",
            "baseline_finish",
            "actual_start",
            "actual_finish",
            "percent_complete",
            "depends_on",
            "finish_variance",
            "updated_at",
        ]
        read_only_fields = ["updated_at"]


class TaskProgressSerializer(serializers.Serializer):
    percent_complete = serializers.IntegerField(min_value=0, max_value=100)
    actual_start = serializers.DateField(
        required=False, allow_null=True, help_text="Left out, the stored date is kept; null clears it."
    )
    actual_finish = serializers.DateField(
        required=False, allow_null=True, help_text="Left out, the stored date is kept; null clears it."
    )
    comment = serializers.CharField(required=False, allow_blank=True, default="")


class TransitionItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = TransitionItem
        fields = ["id", "program", "category", "title", "mandatory", "due_date", "done_by", "done_at", "evidence"]
        read_only_fields = ["done_by", "done_at", "evidence"]


class EvidenceSerializer(serializers.Serializer):
    evidence = serializers.CharField()


class StatusReportSerializer(serializers.ModelSerializer):
    """Figures and RAG are derived from the data (frozen once submitted), never written."""

    class Meta:
        model = StatusReport
        fields = [
            "id",
            "program",
            "contract",
            "by_vendor",
            "period",
            "status",
            "narrative",
            "figures",
            "schedule_rag",
            "cost_rag",
            "quality_rag",
            "risk_rag",
            "overall_rag",
            "figures_at",
            "submitted_by",
            "submitted_at",
        ]
        # Only the narrative changes (PATCH); program, contract and period are given when the
        # report is drafted (StatusReportCreateSerializer).
        read_only_fields = [f for f in fields if f != "narrative"]


@extend_schema_field({"type": "string", "pattern": r"^\d{4}-\d{2}(-01)?$", "example": "2026-03"})
class MonthField(serializers.Field):
    """A month as the status report page takes it, YYYY-MM, or its first day, YYYY-MM-01."""

    default_error_messages = {
        "invalid": _("Give the month as YYYY-MM (or its first day, YYYY-MM-01)."),
        "not_first": _("Give the month as YYYY-MM or its first day ({first}), not another day of it."),
    }

    def to_internal_value(self, data):
        # The same reading as every month filter and form field (bpo.core.filters.parse_month).
        try:
            return parse_month(data) if isinstance(data, str) else self.fail("invalid")
        except MonthError as exc:
            if exc.code == "not_first":
                self.fail("not_first", first=exc.first)
            self.fail("invalid")

    def to_representation(self, value):
        return value.strftime("%Y-%m")


class StatusReportCreateSerializer(serializers.Serializer):
    program = serializers.IntegerField(required=False, help_text="Staff: the program reported on.")
    contract = serializers.IntegerField(required=False, help_text="Vendors: their contract reported on.")
    period = MonthField(
        help_text="The month reported on: YYYY-MM (2026-03) or its first day (2026-03-01); another day is "
        "refused. Not before the program's start month (the contract's, for a vendor), nor after this month."
    )


class NarrativeSerializer(serializers.Serializer):
    narrative = serializers.CharField(required=False, allow_blank=True)
