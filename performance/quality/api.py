"""API of quality: standards, audits (defect rate and result computed) and reviews; staff only.

Writes go through the services, as the pages' do. Corrective actions are /api/v1/corrective-actions/."""

from rest_framework import serializers

from bpo.core.api import ScopedModelViewSet

from . import services
from .filtersets import AuditFilterSet, ReviewFilterSet, StandardFilterSet
from .models import (
    DEFECTS_MAX_ERROR,
    SAMPLE_MAX,
    SAMPLE_SIZE_ERROR,
    SAMPLE_SIZE_MAX_ERROR,
    QualityAudit,
    QualityReview,
    QualityStandard,
)

WRITE = ["get", "post", "put", "patch", "head", "options"]


class StandardSerializer(serializers.ModelSerializer):
    target_display = serializers.CharField(read_only=True)

    class Meta:
        model = QualityStandard
        fields = [
            "id",
            "program",
            "process",
            "metric",
            "target",
            "direction",
            "unit",
            "target_display",
            "acceptance_level",
            "description",
            "is_active",
        ]


class AuditSerializer(serializers.ModelSerializer):
    reference = serializers.CharField(read_only=True)
    # Computed by the service (plain strings here: "pass" or "fail").
    outcome = serializers.CharField(read_only=True, help_text="pass or fail")
    # One message for any size under 1 (as on the page).
    sample_size = serializers.IntegerField(
        min_value=1,
        max_value=SAMPLE_MAX,
        error_messages={"min_value": SAMPLE_SIZE_ERROR, "max_value": SAMPLE_SIZE_MAX_ERROR},
    )

    class Meta:
        model = QualityAudit
        fields = [
            "id",
            "reference",
            "standard",
            "contract",
            "period_start",
            "period_end",
            "audited_on",
            "auditor",
            "sample_size",
            "defects",
            "defect_rate",
            "acceptance_level",
            "outcome",
            "findings",
        ]
        read_only_fields = ["defect_rate", "acceptance_level"]
        extra_kwargs = {
            "auditor": {"required": False},
            "defects": {"error_messages": {"max_value": DEFECTS_MAX_ERROR}},
        }


class ReviewSerializer(serializers.ModelSerializer):
    reference = serializers.CharField(read_only=True)

    class Meta:
        model = QualityReview
        fields = [
            "id",
            "reference",
            "program",
            "contract",
            "title",
            "period_start",
            "period_end",
            "held_on",
            "reviewer",
            "rating",
            "summary",
            "findings",
        ]
        extra_kwargs = {"reviewer": {"required": False}}


class _QualityViewSet(ScopedModelViewSet):
    fixed_on_update = ("program",)  # it stays in its program
    http_method_names = WRITE
    staff_only = True

    def can_create(self, user):
        return services.can_create_quality(user)


class StandardViewSet(_QualityViewSet):
    """Quality standards of the programs the caller may see; managers and contributors change them."""

    model = QualityStandard
    serializer_class = StandardSerializer
    filterset_class = StandardFilterSet

    def get_queryset(self):
        return super().get_queryset().select_related("program").order_by("program", "process", "pk")

    def service_create(self, *, by, data):
        return services.standard_create(by=by, **data)

    def service_update(self, *, instance, by, data):
        data.pop("program", None)
        return services.standard_update(standard=instance, by=by, **data)


class AuditViewSet(_QualityViewSet):
    """Sample-based audits; POST computes the defect rate and the result (a failure proposes a CAPA)."""

    model = QualityAudit
    serializer_class = AuditSerializer
    filterset_class = AuditFilterSet

    def get_queryset(self):
        return super().get_queryset().order_by("-audited_on", "-pk")

    def service_create(self, *, by, data):
        return services.audit_record(by=by, **data)

    def service_update(self, *, instance, by, data):
        return services.audit_update(audit=instance, by=by, **data)


class ReviewViewSet(_QualityViewSet):
    """Periodic quality reviews with their findings."""

    model = QualityReview
    serializer_class = ReviewSerializer
    filterset_class = ReviewFilterSet

    def get_queryset(self):
        return super().get_queryset().order_by("-held_on", "-pk")

    def service_create(self, *, by, data):
        return services.review_create(by=by, **data)

    def service_update(self, *, instance, by, data):
        data.pop("program", None)
        return services.review_update(review=instance, by=by, **data)


# (prefix, viewset, basename): added to performance/api/urls.py
ROUTES = [
    ("quality-standards", StandardViewSet, "quality-standard"),
    ("quality-audits", AuditViewSet, "quality-audit"),
    ("quality-reviews", ReviewViewSet, "quality-review"),
]
