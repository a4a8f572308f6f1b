"""Read API of continuous improvement (staff only): /api/v1/lessons/ (?q= searches English or Chinese
text) and /api/v1/improvement-initiatives/. Writes go through the pages and their services."""

from rest_framework import serializers

from bpo.core.api import ScopedModelViewSet

from .filtersets import InitiativeFilterSet, LessonFilterSet
from .models import ImprovementInitiative, Lesson

READ = ["get", "head", "options"]


class LessonSerializer(serializers.ModelSerializer):
    class Meta:
        model = Lesson
        fields = ["id", "title", "body", "phase", "category", "tags", "program", "source", "created_at"]
        read_only_fields = fields


class InitiativeSerializer(serializers.ModelSerializer):
    realization_pct = serializers.DecimalField(max_digits=10, decimal_places=1, read_only=True, allow_null=True)

    class Meta:
        model = ImprovementInitiative
        fields = [
            "id",
            "program",
            "contract",
            "title",
            "description",
            "status",
            "owner",
            "benefit_unit",
            "expected_benefit",
            "realized_benefit",
            "realization_pct",
            "proposed_at",
            "decided_at",
            "implemented_on",
            "measured_on",
        ]
        read_only_fields = fields


class LessonViewSet(ScopedModelViewSet):
    """Lessons learned (every staff user reads them all)."""

    model = Lesson
    serializer_class = LessonSerializer
    filterset_class = LessonFilterSet
    http_method_names = READ
    staff_only = True

    def get_queryset(self):
        return super().get_queryset().order_by("-created_at", "-pk")


class InitiativeViewSet(ScopedModelViewSet):
    """Improvement initiatives of the programs the caller may see."""

    model = ImprovementInitiative
    serializer_class = InitiativeSerializer
    filterset_class = InitiativeFilterSet
    http_method_names = READ
    staff_only = True

    def get_queryset(self):
        return super().get_queryset().order_by("-proposed_at", "-pk")


ROUTES = [
    ("lessons", LessonViewSet, "lesson"),
    ("improvement-initiatives", InitiativeViewSet, "improvement-initiative"),
]
