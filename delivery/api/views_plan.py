"""API of the plan, the transition checklist and the status reports. Reads are scoped by
`visible_to` (a vendor: only its tasks and its reports); every write goes through the services."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied as ApiPermissionDenied
from rest_framework.response import Response

from bpo.core.api import ScopedModelViewSet, _as_api_validation, referenced
from bpo.core.locking import etag
from strategy.api.views import ServiceActionsMixin
from strategy.models import Program

from .. import plan_services, status_report
from ..filtersets_plan import StatusReportFilterSet, TaskFilterSet, TransitionItemFilterSet, WorkPackageFilterSet
from ..models import StatusReport, Task, TransitionItem, WorkPackage
from .serializers_plan import (
    EvidenceSerializer,
    NarrativeSerializer,
    StatusReportCreateSerializer,
    StatusReportSerializer,
    TaskProgressSerializer,
    TaskSerializer,
    TransitionItemSerializer,
    WorkPackageSerializer,
)


def _run(service, **kwargs):
    with _as_api_validation():
        try:
            return service(**kwargs)
        except PermissionDenied as exc:
            raise ApiPermissionDenied from exc


def _plans(user) -> bool:
    return Program.objects.editable_by(user).exists()


class WorkPackageViewSet(ScopedModelViewSet):
    """Work packages (phases) of the plans the caller reads; program managers add, rename,
    reposition (PUT/PATCH `name`, `position`; a package stays in its program) and delete them.
    A package that still has tasks is not deleted: 400 with the reason. PUT, PATCH and DELETE
    honour `If-Match` (409 when the package changed since it was read)."""

    fixed_on_update = ("program",)  # it stays in its program

    model = WorkPackage
    serializer_class = WorkPackageSerializer
    filterset_class = WorkPackageFilterSet
    staff_only = True
    http_method_names = ["get", "post", "put", "patch", "delete", "head", "options"]

    def can_create(self, user):
        return _plans(user)

    def service_create(self, *, by, data):
        return _run(
            plan_services.work_package_save,
            program=data["program"],
            by=by,
            name=data["name"],
            position=data.get("position", 0),
        )

    def service_update(self, *, instance, by, data):
        return _run(
            plan_services.work_package_save,
            program=instance.program,
            by=by,
            package=instance,
            name=data.get("name", instance.name),
            position=data.get("position", instance.position),
        )

    def perform_destroy(self, instance):
        _run(plan_services.work_package_delete, package=instance, by=self.request.user)


class TaskViewSet(ServiceActionsMixin, ScopedModelViewSet):
    """Tasks of the plan: staff read their programs', a vendor only the tasks of its vendor.
    Program managers create and change them; `progress` records actual dates and percent
    complete (the task's vendor, its staff owner, program managers and contributors)."""

    fixed_on_update = ("program",)  # it stays in its program

    model = Task
    serializer_class = TaskSerializer
    filterset_class = TaskFilterSet
    service_actions = frozenset({"progress"})
    locked_actions = ("progress",)  # honours If-Match (409 when stale), documented as PUT/PATCH are

    def get_queryset(self):
        return super().get_queryset().select_related("program").prefetch_related("depends_on").order_by("pk")

    def can_create(self, user):
        return _plans(user)

    def service_create(self, *, by, data):
        data = dict(data)
        return _run(plan_services.task_save, program=data.pop("program"), by=by, data=data)

    def service_update(self, *, instance, by, data):
        data = {k: v for k, v in data.items() if k != "program"}
        return _run(plan_services.task_save, program=instance.program, by=by, task=instance, data=data)

    @extend_schema(request=TaskProgressSerializer, responses={200: TaskSerializer})
    @action(detail=True, methods=["post"])
    def progress(self, request, pk=None):
        """Records progress; with `If-Match` (the task's ETag as read), refused with 409 when
        someone changed the task since, as PUT/PATCH are."""
        task = self.get_object()
        payload = TaskProgressSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        with transaction.atomic():
            self._check_if_match(task)
            task = _run(plan_services.task_progress, task=task, by=request.user, **payload.validated_data)
        stored = Task.objects.get(pk=task.pk)
        return Response(TaskSerializer(stored).data, headers={"ETag": etag(stored)})


class TransitionItemViewSet(ServiceActionsMixin, ScopedModelViewSet):
    """The transition checklist (the transition gate). Managers add, change and delete items
    (DELETE: an open optional one; a mandatory or a done one is refused with 400 and the reason);
    managers and contributors `complete` them with evidence; managers `reopen` them."""

    fixed_on_update = ("program",)  # it stays in its program

    model = TransitionItem
    serializer_class = TransitionItemSerializer
    filterset_class = TransitionItemFilterSet
    staff_only = True
    service_actions = frozenset({"complete", "reopen"})
    http_method_names = ["get", "post", "put", "patch", "delete", "head", "options"]

    def can_create(self, user):
        return _plans(user)

    def service_create(self, *, by, data):
        data = dict(data)
        return _run(plan_services.transition_item_save, program=data.pop("program"), by=by, data=data)

    def service_update(self, *, instance, by, data):
        data = {k: v for k, v in data.items() if k != "program"}
        return _run(plan_services.transition_item_save, program=instance.program, by=by, item=instance, data=data)

    def perform_destroy(self, instance):
        _run(plan_services.transition_item_delete, item=instance, by=self.request.user)

    @extend_schema(request=EvidenceSerializer, responses={200: TransitionItemSerializer})
    @action(detail=True, methods=["post"])
    def complete(self, request, pk=None):
        payload = EvidenceSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        item = _run(
            plan_services.transition_item_complete, item=self.get_object(), by=request.user, **payload.validated_data
        )
        return Response(TransitionItemSerializer(item).data)

    @extend_schema(request=None, responses={200: TransitionItemSerializer})
    @action(detail=True, methods=["post"])
    def reopen(self, request, pk=None):
        item = _run(plan_services.transition_item_reopen, item=self.get_object(), by=request.user)
        return Response(TransitionItemSerializer(item).data)


class StatusReportViewSet(ServiceActionsMixin, ScopedModelViewSet):
    """Status reports: a manager drafts the program's (`program`), a vendor its contract's
    (`contract`); the figures and RAG are derived. PATCH saves a draft's narrative; `submit`
    freezes it. Staff read their programs' reports (a vendor's once submitted), vendors their own."""

    fixed_on_update = ("program",)  # it stays in its program

    model = StatusReport
    serializer_class = StatusReportSerializer
    filterset_class = StatusReportFilterSet
    # `program`, `contract` and `period` are set when the report is drafted (POST,
    # StatusReportCreateSerializer); read-only in StatusReportSerializer, so a PATCH sending another
    # value is refused on the field (bpo.core.drf.refused_fields).
    http_method_names = ["get", "post", "patch", "head", "options"]
    service_actions = frozenset({"submit"})

    def get_queryset(self):
        return super().get_queryset().select_related("program", "contract").order_by("-period", "pk")

    def can_create(self, user):
        return user.is_authenticated

    @extend_schema(request=StatusReportCreateSerializer, responses={201: StatusReportSerializer})
    def create(self, request, *args, **kwargs):
        payload = StatusReportCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        kwargs = {"period": data["period"], "by": request.user}
        if request.user.is_vendor_user:
            kwargs["contract"] = referenced(
                status_report.reportable_contracts(request.user), data.get("contract"), "contract"
            )
        else:
            kwargs["program"] = referenced(Program.objects.visible_to(request.user), data.get("program"), "program")
        report = _run(status_report.status_report_create, **kwargs)
        return Response(StatusReportSerializer(report).data, status=status.HTTP_201_CREATED)

    def service_update(self, *, instance, by, data):
        return _run(
            status_report.status_report_save,
            report=instance,
            by=by,
            narrative=data.get("narrative", instance.narrative),
        )

    @extend_schema(request=NarrativeSerializer, responses={200: StatusReportSerializer})
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        payload = NarrativeSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        report = _run(
            status_report.status_report_submit,
            report=self.get_object(),
            by=request.user,
            narrative=payload.validated_data.get("narrative"),
        )
        return Response(StatusReportSerializer(report).data)
