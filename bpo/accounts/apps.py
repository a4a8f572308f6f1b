from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "bpo.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from auditlog.registry import auditlog

        from .models import ProgramMembership, User

        auditlog.register(
            User,
            include_fields=[
                "username",
                "email",
                "first_name",
                "last_name",
                "role",
                "vendor",
                "is_active",
                "language",
            ],
        )
        auditlog.register(ProgramMembership)
