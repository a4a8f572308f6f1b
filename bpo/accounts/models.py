"""Users, their role, vendor users and program memberships."""

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from bpo.core.links import record_url

from .choices import (
    GLOBAL_READ_ROLES,
    VENDOR_ROLES,
    Language,
    NotificationCategory,
    NotificationDelivery,
    ProgramRole,
    Role,
)
from .querysets import MembershipQuerySet, UserQuerySet


class BpoUserManager(UserManager.from_queryset(UserQuerySet)):
    def create_superuser(self, username, email=None, password=None, **extra_fields):
        extra_fields.setdefault("role", Role.ADMIN)
        return super().create_superuser(username, email, password, **extra_fields)


class User(AbstractUser):
    """A person who signs in: staff through /accounts/login/, vendor users through /portal/login/."""

    role = models.CharField(_("role"), max_length=24, choices=Role.choices, default=Role.MEMBER)
    vendor = models.ForeignKey(
        "vendors.Vendor",
        verbose_name=_("vendor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
        help_text=_("Vendor users belong to exactly one vendor; staff users to none."),
    )
    language = models.CharField(_("language"), max_length=8, choices=Language.choices, default=Language.EN)

    objects = BpoUserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["username"]
        constraints = [
            models.CheckConstraint(
                name="user_vendor_iff_vendor_role",
                condition=(
                    Q(role__in=VENDOR_ROLES, vendor__isnull=False)
                    | (~Q(role__in=VENDOR_ROLES) & Q(vendor__isnull=True))
                ),
                violation_error_message=_("Vendor users need a vendor; staff users have none."),
            ),
            # One account per person: "PM" is "pm", and so is an e-mail address in capitals
            # (User.clean() says which field, next to it; these hold against a race).
            models.UniqueConstraint(
                Lower("username"),
                name="user_username_unique_ignoring_case",
                violation_error_message=_("A user with that username already exists."),
            ),
            models.UniqueConstraint(
                Lower("email"),
                condition=~Q(email=""),
                name="user_email_unique_ignoring_case",
                violation_error_message=_("A user with this e-mail address already exists."),
            ),
        ]

    def __str__(self):
        return self.get_full_name() or self.username

    def get_absolute_url(self):
        return record_url("accounts:user_detail", self.pk)

    def clean(self):
        super().clean()  # also normalizes the e-mail's domain to lower case
        errors = {}
        others = User.objects.exclude(pk=self.pk) if self.pk else User.objects.all()
        if self.username and others.filter(username__iexact=self.username).exists():
            errors["username"] = _("A user with that username already exists.")
        if self.email and others.filter(email__iexact=self.email).exists():
            errors["email"] = _("A user with this e-mail address already exists.")
        if self.role in VENDOR_ROLES and not self.vendor_id:
            errors["vendor"] = _("Choose the vendor this user belongs to.")
        if self.role not in VENDOR_ROLES and self.vendor_id:
            errors["vendor"] = _("Staff users do not belong to a vendor.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_vendor_user(self) -> bool:
        return self.role in VENDOR_ROLES

    @property
    def is_administrator(self) -> bool:
        return self.is_active and (self.role == Role.ADMIN or self.is_superuser)

    @property
    def reads_all_programs(self) -> bool:
        return self.is_active and (self.role in GLOBAL_READ_ROLES or self.is_superuser)

    def manages_any_program(self) -> bool:
        return self.memberships.filter(role=ProgramRole.MANAGER).exists()


class ProgramMembership(models.Model):
    """A staff user's role in one program."""

    user = models.ForeignKey(User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="memberships")
    program = models.ForeignKey(
        "strategy.Program", verbose_name=_("program"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("program role"), max_length=16, choices=ProgramRole.choices)
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("program membership")
        verbose_name_plural = _("program memberships")
        ordering = ["program__code", "user__username"]
        constraints = [
            models.UniqueConstraint(fields=["user", "program"], name="membership_one_role_per_program"),
        ]

    def __str__(self):
        return f"{self.user} · {self.program} · {self.get_role_display()}"

    def clean(self):
        if self.user_id and self.user.is_vendor_user:
            raise ValidationError({"user": _("Vendor users cannot be program members.")})


class NotificationPreference(models.Model):
    """How one user wants one category of notifications: in the app, by e-mail, now or in a daily digest.

    No row means the default: in the app and by e-mail, immediately."""

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="notification_preferences"
    )
    category = models.CharField(_("category"), max_length=24, choices=NotificationCategory.choices)
    in_app = models.BooleanField(_("in the app"), default=True)
    email = models.BooleanField(_("by e-mail"), default=True)
    delivery = models.CharField(
        _("e-mail delivery"),
        max_length=12,
        choices=NotificationDelivery.choices,
        default=NotificationDelivery.IMMEDIATE,
    )

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        ordering = ["user", "category"]
        constraints = [
            models.UniqueConstraint(fields=["user", "category"], name="notification_preference_once"),
        ]

    def __str__(self):
        return f"{self.user} · {self.get_category_display()}"
