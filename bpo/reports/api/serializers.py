from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from bpo.accounts.choices import Language

from ..choices import REQUESTABLE, ReportFormat
from ..models import ReportRequest


class ReportSerializer(serializers.ModelSerializer):
    """A report request: its parameters, progress and (when done) where to download it."""

    requested_by = serializers.StringRelatedField()
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = ReportRequest
        fields = [
            "id",
            "kind",
            "fmt",
            "program",
            "contract",
            "vendor",
            "period_start",
            "period_end",
            "language",
            "status",
            "progress",
            "error",
            "requested_by",
            "created_at",
            "data_as_of",
            "finished_at",
            "download_url",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_download_url(self, obj) -> str | None:
        """The file's address once the report is done: absolute (scheme and host of the request)
        when the serializer has the request in its context, else the path."""
        if obj.status != "done":
            return None
        path = reverse("report-download", args=[obj.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request is not None else path


class ReportCreateSerializer(serializers.Serializer):
    """Ask for a report: the program, contract or vendor it is about (ids), the months, the format."""

    kind = serializers.ChoiceField(choices=REQUESTABLE)
    fmt = serializers.ChoiceField(
        choices=ReportFormat.choices,
        required=False,
        help_text="Default: the report's first format (PDF; SLA results: XLSX). Finance and the contract "
        "register also as XLSX; SLA results as XLSX or CSV only.",
    )
    program = serializers.IntegerField(required=False, allow_null=True)
    contract = serializers.IntegerField(required=False, allow_null=True)
    vendor = serializers.IntegerField(required=False, allow_null=True)
    period_start = serializers.DateField(required=False, allow_null=True, help_text="Any day of the first month.")
    period_end = serializers.DateField(required=False, allow_null=True, help_text="Any day of the last month.")
    language = serializers.ChoiceField(choices=Language.choices, required=False)
