"""Serializers of meetings, action items, communications, training and support requests."""

from rest_framework import serializers

from ..choices_engagement import SupportStatus
from ..models import ActionItem, Attendance, Communication, Course, Meeting, SupportRequest, TrainingSession


class MeetingSerializer(serializers.ModelSerializer):
    class Meta:
        model = Meeting
        fields = [
            "id",
            "program",
            "kind",
            "title",
            "starts_at",
            "location",
            "agenda",
            "attendees",
            "minutes",
            "decisions",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id", "created_at", "updated_at"]

    def get_fields(self):
        fields = super().get_fields()
        if self.instance is not None and not isinstance(self.instance, list | tuple):
            fields["program"].read_only = True  # a meeting stays in its program
        return fields


class ActionItemCreateSerializer(serializers.Serializer):
    meeting = serializers.IntegerField()
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    owner = serializers.IntegerField(
        help_text="A staff user who may see the program, or a user of a vendor with a contract in the program."
    )
    due_date = serializers.DateField()


class ActionItemSerializer(serializers.ModelSerializer):
    reference = serializers.CharField(read_only=True)

    class Meta:
        model = ActionItem
        fields = [
            "id",
            "reference",
            "meeting",
            "program",
            "title",
            "description",
            "owner",
            "vendor",
            "due_date",
            "status",
            "completed_at",
            "completed_by",
            "completion_note",
        ]
        read_only_fields = fields


class CompleteSerializer(serializers.Serializer):
    note = serializers.CharField(help_text="What was done.")


class CommunicationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Communication
        fields = [
            "id",
            "program",
            "audience",
            "content",
            "frequency",
            "channel",
            "owner",
            "last_sent_on",
            "next_due_on",
            "active",
        ]
        read_only_fields = fields


class MarkSentSerializer(serializers.Serializer):
    sent_on = serializers.DateField(required=False, allow_null=True, default=None, help_text="Empty: today.")


class CourseSerializer(serializers.ModelSerializer):
    class Meta:
        model = Course
        fields = ["id", "program", "title", "category", "description", "pass_score"]
        read_only_fields = fields


class AttendanceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Attendance
        fields = ["id", "user", "vendor", "attended", "score"]
        read_only_fields = fields


class TrainingSessionSerializer(serializers.ModelSerializer):
    attendances = AttendanceSerializer(many=True, read_only=True)  # prefetched, scoped to the caller

    class Meta:
        model = TrainingSession
        fields = ["id", "course", "starts_at", "trainer", "location", "status", "notes", "attendances"]
        read_only_fields = fields


class SupportRequestSerializer(serializers.ModelSerializer):
    reference = serializers.CharField(read_only=True)
    resolution_hours = serializers.FloatField(read_only=True, allow_null=True)

    class Meta:
        model = SupportRequest
        fields = [
            "id",
            "reference",
            "program",
            "title",
            "description",
            "category",
            "priority",
            "status",
            "requester",
            "vendor",
            "assignee",
            "opened_at",
            "resolved_at",
            "resolution_hours",
            "resolution",
        ]
        read_only_fields = [
            "id",
            "reference",
            "status",
            "requester",
            "vendor",
            "assignee",
            "opened_at",
            "resolved_at",
            "resolution_hours",
            "resolution",
        ]


class SupportMoveSerializer(serializers.Serializer):
    to = serializers.ChoiceField(choices=SupportStatus.choices)
    resolution = serializers.CharField(required=False, allow_blank=True, default="")
