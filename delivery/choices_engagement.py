"""Choices of meetings, action items, communications, training and support requests."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MeetingKind(models.TextChoices):
    STEERING = "steering", _("Steering committee")  # sponsors and vendor leadership decide
    WEEKLY_OPS = "weekly_ops", _("Weekly operations")  # the day-to-day run of the service
    SERVICE_REVIEW = "service_review", _("Monthly service review")  # service levels and credits of the month
    QBR = "qbr", _("Quarterly business review")  # the relationship, value and roadmap


class ActionItemStatus(models.TextChoices):
    OPEN = "open", _("Open")  # to do; reminded once a day when past due
    DONE = "done", _("Done")  # the owner (or their vendor, or program staff) closed it with a note
    CANCELLED = "cancelled", _("Cancelled")  # no longer needed; program staff only


class Frequency(models.TextChoices):
    WEEKLY = "weekly", _("Weekly")
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")
    AD_HOC = "ad_hoc", _("Ad hoc")  # sent when needed: never overdue


# How many months (or days, for weekly) after the last sending a communication is due again.
FREQUENCY_MONTHS = {Frequency.MONTHLY: 1, Frequency.QUARTERLY: 3}
FREQUENCY_DAYS = {Frequency.WEEKLY: 7}


class Channel(models.TextChoices):
    EMAIL = "email", _("E-mail")
    MEETING = "meeting", _("Meeting")
    REPORT = "report", _("Report")
    PORTAL = "portal", _("Portal or intranet")
    NEWSLETTER = "newsletter", _("Newsletter")


class CourseCategory(models.TextChoices):
    BUSINESS_PROCESS = "business_process", _("Business process")
    PROJECT_MANAGEMENT = "project_management", _("Project management")
    TECHNICAL_OPERATIONS = "technical_operations", _("Technical operations")


class SessionStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")  # planned; attendees enrolled
    HELD = "held", _("Held")  # took place: attendance and scores count in completion rates
    CANCELLED = "cancelled", _("Cancelled")  # did not take place; not counted


class SupportCategory(models.TextChoices):
    SYSTEM_ACCESS = "system_access", _("System access")
    SOFTWARE_MAINTENANCE = "software_maintenance", _("Software maintenance")
    DATA_MANAGEMENT = "data_management", _("Data management")


class SupportPriority(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")
    CRITICAL = "critical", _("Critical")


class SupportStatus(models.TextChoices):
    OPEN = "open", _("Open")  # raised, nobody works on it yet
    IN_PROGRESS = "in_progress", _("In progress")  # assigned and being worked on
    RESOLVED = "resolved", _("Resolved")  # done: the resolution time is fixed
    CANCELLED = "cancelled", _("Cancelled")  # withdrawn by the requester or staff


SUPPORT_ACTIVE = (SupportStatus.OPEN, SupportStatus.IN_PROGRESS)
