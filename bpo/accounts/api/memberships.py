"""/api/v1/program-memberships/: the teams of programs (the Team page's door for programs).

Read by whoever reads the program; administrators and the program's managers add members, change
their role and remove them, through the same services as the page (bpo.accounts.services): a
program keeps a manager, the sponsor is no manager, and a member who owns open records of the
program is not removed nor made an evaluator only until they are reassigned (400 naming them)."""

from rest_framework import serializers

from bpo.core.api import ScopedModelViewSet, _as_api_validation, referenced

from .. import services
from ..choices import ProgramRole
from ..models import ProgramMembership, User


class ProgramMembershipSerializer(serializers.ModelSerializer):
    user = serializers.IntegerField(source="user_id", help_text="The staff user's id.")
    username = serializers.CharField(source="user.username", read_only=True)
    user_name = serializers.CharField(source="user.get_full_name", read_only=True)
    role = serializers.ChoiceField(choices=ProgramRole.choices)

    class Meta:
        model = ProgramMembership
        fields = ["id", "program", "user", "username", "user_name", "role", "created_at"]
        read_only_fields = ["id", "created_at"]

    def get_fields(self):
        fields = super().get_fields()
        if self.instance is not None and not isinstance(self.instance, list | tuple):
            # A membership is one user in one program: only its role changes.
            for name in ("program", "user"):
                fields[name].read_only = True
        return fields


class ProgramMembershipViewSet(ScopedModelViewSet):
    """Members of the programs you read. `POST` adds a member (or changes the role of one already
    on the team), `PATCH` changes a member's role, `DELETE` removes them: administrators and the
    program's managers. A member who owns open records of the program (tasks, support requests,
    action items, risks, corrective actions, obligations...) is not removed, nor given a role that
    does not read the program (evaluator), until those are reassigned: 400 naming them."""

    model = ProgramMembership
    serializer_class = ProgramMembershipSerializer
    staff_only = True
    http_method_names = ["get", "post", "put", "patch", "delete", "head", "options"]
    filterset_fields = ["program", "role"]

    def get_queryset(self):
        return super().get_queryset().select_related("user", "program").order_by("program__code", "user__username")

    def can_create(self, user):
        from strategy.models import Program

        return Program.objects.editable_by(user).exists()

    def service_create(self, *, by, data):
        user = referenced(User.objects.filter(is_active=True), data.get("user_id"), "user")
        return services.membership_set(by=by, program=data["program"], user=user, role=data["role"])

    def service_update(self, *, instance, by, data):
        role = data.get("role", instance.role)
        return services.membership_set(by=by, program=instance.program, user=instance.user, role=role)

    def perform_destroy(self, instance):
        with _as_api_validation():
            services.membership_remove(by=self.request.user, membership=instance)
