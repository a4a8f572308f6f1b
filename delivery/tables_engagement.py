"""The columns of the engagement list pages (and their exports)."""

from django.utils.translation import gettext_lazy as _

from bpo.core.lists import Column

MEETING_COLUMNS = (
    Column("title", _("Title"), order="title", link=True),
    Column("program.code", _("Program")),
    Column("kind", _("Kind"), order="kind"),
    Column("starts_at", _("Date and time"), order="starts_at"),
    Column("location", _("Location")),
    Column("open_items", _("Open action items")),
)

ACTION_ITEM_COLUMNS = (
    Column("reference", _("Reference"), link=True),
    Column("title", _("Title"), order="title", link=True),
    Column("program.code", _("Program")),
    Column("meeting.title", _("Meeting")),
    Column("owner", _("Owner")),
    Column("vendor", _("Vendor")),
    Column("due_date", _("Due date"), order="due_date"),
    Column("status", _("Status"), order="status"),
)

COMMUNICATION_COLUMNS = (
    Column("audience", _("Audience"), order="audience", link=True),
    Column("program.code", _("Program")),
    Column("frequency", _("Frequency")),
    Column("channel", _("Channel")),
    Column("owner", _("Owner")),
    Column("last_sent_on", _("Last sent"), order="last_sent"),
    Column("next_due_on", _("Next due"), order="next_due"),
    Column("is_overdue", _("Overdue")),
)

COURSE_COLUMNS = (
    Column("title", _("Title"), order="title", link=True),
    Column("program.code", _("Program")),
    Column("category", _("Category"), order="category"),
    Column("pass_score", _("Pass score")),
    Column("session_count", _("Sessions")),
)

SESSION_COLUMNS = (
    Column("course.title", _("Course"), order="course", link=True),
    Column("course.program.code", _("Program")),
    Column("starts_at", _("Date and time"), order="starts_at", link=True),
    Column("trainer", _("Trainer")),
    Column("status", _("Status")),
    Column("attendee_count", _("Attendees")),
)

SUPPORT_COLUMNS = (
    Column("reference", _("Reference"), link=True),
    Column("title", _("Title"), link=True),
    Column("program.code", _("Program")),
    Column("category", _("Category")),
    Column("priority", _("Priority"), order="priority"),
    Column("status", _("Status")),
    Column("requester", _("Requester")),
    Column("vendor", _("Vendor")),
    Column("assignee", _("Assignee")),
    Column("opened_at", _("Opened"), order="opened_at"),
    Column("resolved_at", _("Resolved"), order="resolved_at"),
    Column("resolution_hours", _("Resolution time (hours)")),
)
