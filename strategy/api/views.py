from django.core.exceptions import PermissionDenied
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.exceptions import PermissionDenied as ApiPermissionDenied
from rest_framework.response import Response

from bpo.core.api import ScopedModelViewSet, _as_api_validation
from bpo.core.scoping import CONTENT

from ..filtersets import ProgramFilterSet, charter_filterset_for
from ..models import Program
from ..services import (
    CHARTER_KINDS,
    budget_approve,
    charter_item_create,
    charter_item_update,
    gate_checklist,
    gate_pass,
    program_approve,
    program_can_create,
    program_create,
    program_return,
    program_revise,
    program_submit,
    program_update,
)
from .serializers import GateSerializer, ProgramSerializer, ReasonSerializer, charter_serializer_for


def _run(service, **kwargs):
    """Calls a service: a refusal is a 403, a broken rule a 400 with the standard error shape."""
    with _as_api_validation():
        try:
            return service(**kwargs)
        except PermissionDenied as exc:
            raise ApiPermissionDenied from exc


class ServiceActionsMixin:
    """Actions named in `service_actions` are checked by their service (who may submit, approve,
    score ...), not by the add/change mapping of ActionPermission; reading stays scoped."""

    service_actions: frozenset = frozenset()

    def check_permissions(self, request):
        if self.action in self.service_actions:
            user = request.user
            if not (user and user.is_authenticated and user.is_active) or (
                getattr(self, "staff_only", False) and user.is_vendor_user
            ):
                self.permission_denied(request)
            return
        super().check_permissions(request)

    def check_object_permissions(self, request, obj):
        if self.action in self.service_actions:
            return
        super().check_object_permissions(request, obj)


class ProgramViewSet(ServiceActionsMixin, ScopedModelViewSet):
    """Programs the caller may see; managers and administrators change them. The charter's
    approval steps and the gates are actions on a program."""

    model = Program
    serializer_class = ProgramSerializer
    filterset_class = ProgramFilterSet
    staff_only = True
    service_actions = frozenset({"submit", "approve", "send_back", "revise", "approve_budget", "gates"})

    def get_queryset(self):
        return super().get_queryset().select_related("sponsor")

    def can_create(self, user):
        return program_can_create(user)

    def service_create(self, *, by, data):
        return program_create(by=by, **data)

    def service_update(self, *, instance, by, data):
        return program_update(program=instance, by=by, **data)

    def _act(self, service, **extra):
        program = self.get_object()
        _run(service, program=program, by=self.request.user, **extra)
        program.refresh_from_db()
        return Response(ProgramSerializer(program, context=self.get_serializer_context()).data)

    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        return self._act(program_submit)

    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        return self._act(program_approve)

    @action(detail=True, methods=["post"], url_path="return")
    def send_back(self, request, pk=None):
        data = ReasonSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return self._act(program_return, reason=data.validated_data.get("reason", ""))

    @action(detail=True, methods=["post"])
    def revise(self, request, pk=None):
        return self._act(program_revise)

    @action(detail=True, methods=["post"], url_path="approve-budget")
    def approve_budget(self, request, pk=None):
        return self._act(budget_approve)

    @extend_schema(request=ReasonSerializer, responses=GateSerializer(many=True))
    @action(detail=True, methods=["get", "post"], pagination_class=None, filter_backends=[])
    def gates(self, request, pk=None):
        """GET: every gate with its checklist; POST: pass the current gate (override_reason if unmet).
        The gates are the program's content: finance and legal read them only as members (404)."""
        if not Program.objects.reading(request.user, CONTENT).filter(pk=self.get_object().pk).exists():
            raise NotFound
        if request.method == "POST":
            data = ReasonSerializer(data=request.data)
            data.is_valid(raise_exception=True)
            _run(
                gate_pass,
                program=self.get_object(),
                by=request.user,
                override_reason=data.validated_data.get("override_reason", ""),
            )
        program = self.get_object()
        return Response(
            [
                {
                    "phase": g["phase"],
                    "met": g["met"],
                    "missing": [str(m) for m in g["missing"]],
                    "passed_at": g["passed"].passed_at if g["passed"] else None,
                    "override_reason": g["passed"].override_reason if g["passed"] else "",
                    "is_current": g["is_current"],
                }
                for g in gate_checklist(program)
            ]
        )


def _program_id(data) -> int | None:
    """The body's `program` as a database id, or None when it is missing or not one."""
    value = data.get("program") if hasattr(data, "get") else None
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        return None
    try:
        value = int(str(value).strip())
    except ValueError:
        return None
    return value if 0 < value < 2**63 else None


def charter_viewset_for(kind):
    """A viewset over one charter kind: read what the program lets you read; managers write drafts."""
    model = CHARTER_KINDS[kind][0]

    class CharterItemViewSet(ScopedModelViewSet):
        fixed_on_update = ("program",)  # it stays in its program
        serializer_class = charter_serializer_for(kind)
        filterset_class = charter_filterset_for(model)
        staff_only = True

        def get_queryset(self):
            return model.objects.visible_to(self.request.user).order_by("pk")

        def can_create(self, user):
            # Checked before the body is validated: whoever manages no program (a viewer, an
            # evaluator, finance, legal, an executive) gets 403 whatever they send, not 400.
            return not user.is_vendor_user and Program.objects.editable_by(user).exists()

        def create(self, request, *args, **kwargs):
            # A program the caller sees but may not change is a 403 before the rest of the body is
            # validated; one they do not see is left to validation (the same 400 as a missing one).
            program_id = _program_id(request.data)
            if program_id is not None:
                visible = Program.objects.visible_to(request.user).filter(pk=program_id)
                if visible.exists() and not visible.filter(pk__in=Program.objects.editable_by(request.user)).exists():
                    raise ApiPermissionDenied
            return super().create(request, *args, **kwargs)

        def service_create(self, *, by, data):
            data = dict(data)
            program = data.pop("program")
            if not Program.objects.visible_to(by).filter(pk=program.pk).exists():
                raise ApiPermissionDenied
            return _run(charter_item_create, program=program, kind=kind, by=by, **data)

        def service_update(self, *, instance, by, data):
            data = {k: v for k, v in data.items() if k != "program"}
            return _run(charter_item_update, item=instance, by=by, **data)

    CharterItemViewSet.model = model
    CharterItemViewSet.__name__ = f"{model.__name__}ViewSet"
    CharterItemViewSet.__doc__ = f"{model._meta.verbose_name_plural}: read with the program; managers edit a draft."
    return CharterItemViewSet
