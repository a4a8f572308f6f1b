"""Roles. A user has one role; staff users get program roles through memberships."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("Administrator")  # everything, including users and roles
    FINANCE = "finance", _("Finance")  # reads all programs' money, approves invoices
    LEGAL = "legal", _("Legal reviewer")  # reads all contracts, records legal review
    EXECUTIVE = "executive", _("Executive")  # read-only dashboards and reports across programs
    MEMBER = "member", _("Program staff")  # sees only programs they are a member of
    VENDOR_ADMIN = "vendor_admin", _("Vendor administrator")  # portal; manages own vendor's portal users
    VENDOR_CONTRIBUTOR = "vendor_contributor", _("Vendor contributor")  # portal; own vendor's records


GLOBAL_READ_ROLES = (Role.ADMIN, Role.FINANCE, Role.LEGAL, Role.EXECUTIVE)
VENDOR_ROLES = (Role.VENDOR_ADMIN, Role.VENDOR_CONTRIBUTOR)
STAFF_ROLES = tuple(r for r in Role if r not in VENDOR_ROLES)


class ProgramRole(models.TextChoices):
    MANAGER = "manager", _("Program manager")  # runs the program, approves its gates
    CONTRIBUTOR = "contributor", _("Contributor")  # edits delivery, risk and quality records
    EVALUATOR = "evaluator", _("Evaluator")  # scores proposals of assigned sourcing events
    VIEWER = "viewer", _("Viewer")  # reads the program


class Language(models.TextChoices):
    EN = "en", "English"
    ZH_HANS = "zh-hans", "简体中文"
