"""API of meetings, action items, communications, training and support requests.

Reads start from `visible_to(user)` (a vendor: only its own action items, the sessions its
users attend and the requests its users raised); writes call the same services as the pages."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.exceptions import MethodNotAllowed, PermissionDenied, ValidationError
from rest_framework.response import Response

from bpo.accounts.models import User
from bpo.core.api import ScopedModelViewSet

from .. import meetings, support
from ..filtersets_engagement import (
    ActionItemFilterSet,
    CommunicationFilterSet,
    CourseFilterSet,
    MeetingFilterSet,
    SessionFilterSet,
    SupportRequestFilterSet,
)
from ..models import ActionItem, Attendance, Communication, Course, Meeting, SupportRequest, TrainingSession
from ..querysets_engagement import editable_program_ids
from .serializers_engagement import (
    ActionItemCreateSerializer,
    ActionItemSerializer,
    CommunicationSerializer,
    CompleteSerializer,
    CourseSerializer,
    MarkSentSerializer,
    MeetingSerializer,
    SupportMoveSerializer,
    SupportRequestSerializer,
    TrainingSessionSerializer,
)

READ_ONLY = ["get", "head", "options"]
READ_AND_ACT = ["get", "post", "head", "options"]


def _visible(viewset, pk):
    """The record if visible (404 otherwise); who may act on it is the service's decision,
    not the generic "editable" rule (a vendor user closes its own action items)."""
    return get_object_or_404(viewset.get_queryset(), pk=pk)


def _call(service, **kwargs):
    try:
        return service(**kwargs)
    except DjangoPermissionDenied as exc:
        raise PermissionDenied() from exc
    except DjangoValidationError as exc:
        raise ValidationError(exc.message_dict if hasattr(exc, "error_dict") else exc.messages) from exc


class MeetingViewSet(ScopedModelViewSet):
    """Meetings of the programs the caller may see (staff only); the program's managers and
    contributors create (`POST`) and update (`PATCH`: agenda, minutes, decisions, attendees) them."""

    model = Meeting
    serializer_class = MeetingSerializer
    filterset_class = MeetingFilterSet
    http_method_names = ["get", "post", "patch", "head", "options"]
    staff_only = True

    def get_queryset(self):
        return super().get_queryset().prefetch_related("attendees")

    def can_create(self, user):
        return editable_program_ids(user).exists()

    def service_create(self, *, by, data):
        return meetings.meeting_create(by=by, **data)

    def service_update(self, *, instance, by, data):
        data = dict(data)
        data.pop("program", None)
        return meetings.meeting_update(meeting=instance, by=by, **data)


class ActionItemViewSet(ScopedModelViewSet):
    """Action items: staff read their programs', a vendor its own; `POST {id}/complete/` closes one with a note."""

    model = ActionItem
    serializer_class = ActionItemSerializer
    filterset_class = ActionItemFilterSet
    http_method_names = READ_AND_ACT

    def can_create(self, user):
        return user.is_authenticated  # who may post is decided per action below and by the services

    @extend_schema(request=ActionItemCreateSerializer, responses={201: ActionItemSerializer})
    def create(self, request, *args, **kwargs):
        """Adds an action item to a meeting (the program's managers and contributors); the owner is told."""
        if request.user.is_vendor_user:
            raise PermissionDenied()
        payload = ActionItemCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        meeting = get_object_or_404(Meeting.objects.visible_to(request.user), pk=data.pop("meeting"))
        owner = User.objects.filter(pk=data.pop("owner"), is_active=True).first()
        if owner is None:
            raise ValidationError({"owner": ["Choose an active user."]})
        item = _call(meetings.action_item_create, meeting=meeting, by=request.user, owner=owner, **data)
        return Response(ActionItemSerializer(item).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=CompleteSerializer, responses=ActionItemSerializer)
    @action(detail=True, methods=["post"])
    def complete(self, request, pk=None):
        item = _visible(self, pk)
        payload = CompleteSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        item = _call(meetings.action_item_complete, item=item, by=request.user, note=payload.validated_data["note"])
        return Response(ActionItemSerializer(item).data)


class CommunicationViewSet(ScopedModelViewSet):
    """The communication plan (staff only); `POST {id}/mark_sent/` records a sending."""

    model = Communication
    serializer_class = CommunicationSerializer
    filterset_class = CommunicationFilterSet
    http_method_names = READ_AND_ACT
    staff_only = True

    def can_create(self, user):
        return user.is_authenticated

    def create(self, request, *args, **kwargs):
        raise MethodNotAllowed("POST")

    @extend_schema(request=MarkSentSerializer, responses=CommunicationSerializer)
    @action(detail=True, methods=["post"])
    def mark_sent(self, request, pk=None):
        comm = _visible(self, pk)
        payload = MarkSentSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        comm = _call(
            meetings.communication_mark_sent,
            communication=comm,
            by=request.user,
            sent_on=payload.validated_data["sent_on"],
        )
        return Response(CommunicationSerializer(comm).data)


class CourseViewSet(ScopedModelViewSet):
    model = Course
    serializer_class = CourseSerializer
    filterset_class = CourseFilterSet
    http_method_names = READ_ONLY
    staff_only = True


class TrainingSessionViewSet(ScopedModelViewSet):
    """Training sessions with attendance and scores; a vendor sees the sessions its users
    attend, and only its own users' attendance in them."""

    model = TrainingSession
    serializer_class = TrainingSessionSerializer
    filterset_class = SessionFilterSet
    http_method_names = READ_ONLY

    def get_queryset(self):
        visible = Attendance.objects.visible_to(self.request.user)
        return super().get_queryset().prefetch_related(Prefetch("attendances", queryset=visible))


class SupportRequestViewSet(ScopedModelViewSet):
    """Support requests: staff and vendor users raise them (`POST`); program staff move them
    (`POST {id}/transition/`), a vendor may only withdraw (cancel) its own."""

    model = SupportRequest
    serializer_class = SupportRequestSerializer
    filterset_class = SupportRequestFilterSet
    http_method_names = READ_AND_ACT

    def get_queryset(self):
        return super().get_queryset().select_related("program")

    def can_create(self, user):
        return support.requestable_programs(user).exists() or user.is_vendor_user

    def service_create(self, *, by, data):
        try:
            return support.support_request_create(by=by, **data)
        except DjangoPermissionDenied as exc:
            raise ValidationError({"program": ["Choose a program you may raise requests in."]}) from exc

    @extend_schema(request=SupportMoveSerializer, responses=SupportRequestSerializer)
    @action(detail=True, methods=["post"])
    def transition(self, request, pk=None):
        req = _visible(self, pk)
        payload = SupportMoveSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        req = _call(support.support_request_transition, request=req, by=request.user, **payload.validated_data)
        return Response(SupportRequestSerializer(req).data, status=status.HTTP_200_OK)


# (prefix, viewset, basename), appended to delivery/api/urls.py `routes`.
ENGAGEMENT_ROUTES = [
    ("meetings", MeetingViewSet, "meeting"),
    ("action-items", ActionItemViewSet, "action-item"),
    ("communications", CommunicationViewSet, "communication"),
    ("courses", CourseViewSet, "course"),
    ("training-sessions", TrainingSessionViewSet, "training-session"),
    ("support-requests", SupportRequestViewSet, "support-request"),
]
