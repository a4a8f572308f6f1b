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


# The roles that read every program itself (the list, its header). Which of its records each reads
# across programs (finance the money and contracts, legal the contracts, administrators and
# executives everything) is bpo.core.scoping's rule; the rest only as members.
GLOBAL_READ_ROLES = (Role.ADMIN, Role.FINANCE, Role.LEGAL, Role.EXECUTIVE)
VENDOR_ROLES = (Role.VENDOR_ADMIN, Role.VENDOR_CONTRIBUTOR)
STAFF_ROLES = tuple(r for r in Role if r not in VENDOR_ROLES)


class ProgramRole(models.TextChoices):
    MANAGER = "manager", _("Program manager")  # runs the program, approves its gates
    CONTRIBUTOR = "contributor", _("Contributor")  # edits delivery, risk and quality records
    EVALUATOR = "evaluator", _("Evaluator")  # scores proposals of assigned sourcing events
    VIEWER = "viewer", _("Viewer")  # reads the program


# The program roles that read their program's records. Not the evaluator (DOMAIN: "may score
# proposals of the sourcing events they are assigned to, nothing else of them"): an evaluator
# membership alone makes no program record visible; the events they are assigned to are
# granted by SourcingEventQuerySet.visible_to. Another role on the same program still reads it.
PROGRAM_READING_ROLES = (ProgramRole.MANAGER, ProgramRole.CONTRIBUTOR, ProgramRole.VIEWER)


class Language(models.TextChoices):
    EN = "en", "English"
    ZH_HANS = "zh-hans", "简体中文"


class NotificationCategory(models.TextChoices):
    """What a notification is about; bpo/core/notifications.py derives it from the event key."""

    PROGRAMS = "programs", _("Programs, charters and budgets")  # charter and budget approvals, gates
    SOURCING = "sourcing", _("Sourcing and awards")  # invitations, evaluation, award decisions
    VENDORS = "vendors", _("Vendor registry")  # profile changes, expiring certificates and documents
    CONTRACTS = "contracts", _("Contracts and obligations")  # reviews, notice dates, obligations, changes, disputes
    COST = "cost", _("Budget and invoices")  # budget thresholds, invoices
    SERVICE_LEVELS = "service_levels", _("Service levels and scorecards")  # breaches, scorecards
    RISK = "risk", _("Risks, drills and corrective actions")  # reviews due, drills, overdue actions, indicators
    ACTIONS = "actions", _("Governance, action items and support")  # meetings, action items, status reports, support
    REPORTS = "reports", _("Reports")  # a requested or scheduled report is ready
    GENERAL = "general", _("Other")  # anything else


class NotificationDelivery(models.TextChoices):
    """When the e-mail of a notification goes out."""

    IMMEDIATE = "immediate", _("Immediately")  # one e-mail per notification, as it happens
    DIGEST = "digest", _("Daily digest")  # one e-mail a day grouping them by category
