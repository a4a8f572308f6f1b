"""Forms of the engagement pages. Program choices are limited to the programs the user edits;
people choices to active staff and the users of the program's contract vendors."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bpo.accounts.models import User
from strategy.models import Program

from .choices_engagement import SessionStatus, SupportStatus
from .models import ActionItem, Communication, Course, Meeting, SupportRequest, TrainingSession
from .querysets_engagement import editable_program_ids
from .support import RESOLUTION_MAX_LENGTH

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def staff_users():
    return User.objects.filter(is_active=True, vendor__isnull=True).order_by("username")


def participants(programs):
    """Active staff, and active users of vendors holding a contract in one of `programs` (a queryset of ids)."""
    from contracts.models import Contract

    vendors = Contract.objects.filter(program__in=programs).values("vendor_id")
    return User.objects.filter(Q(vendor__isnull=True) | Q(vendor__in=vendors), is_active=True).order_by(
        "vendor__name", "username"
    )


class ProgramScopedForm(forms.ModelForm):
    """`program` limited to what the user edits; `owner`/`attendees` to the allowed people."""

    def __init__(self, *args, user=None, program=None, **kwargs):
        super().__init__(*args, **kwargs)
        editable = editable_program_ids(user)
        if "program" in self.fields:
            self.fields["program"].queryset = Program.objects.filter(pk__in=editable).order_by("code")
        scope = Program.objects.filter(pk=program.pk).values("pk") if program is not None else editable
        for name in ("owner", "attendees"):
            if name in self.fields:
                self.fields[name].queryset = participants(scope)


class MeetingForm(ProgramScopedForm):
    class Meta:
        model = Meeting
        fields = ["program", "kind", "title", "starts_at", "location", "agenda", "attendees", "minutes", "decisions"]
        widgets = {
            "starts_at": DATETIME,
            "agenda": forms.Textarea(attrs={"rows": 4}),
            "minutes": forms.Textarea(attrs={"rows": 6}),
            "decisions": forms.Textarea(attrs={"rows": 4}),
            "attendees": forms.SelectMultiple(attrs={"size": 8}),
        }

    def __init__(self, *args, user=None, program=None, **kwargs):
        from risk.selectors import program_staff

        super().__init__(*args, user=user, program=program, **kwargs)
        if self.instance.pk:
            self.fields.pop("program")
        # Staff who may see the meeting's program (meetings.check_attendees refuses anyone else;
        # on a new meeting, of the programs the user edits), the vendors' users, those attending.
        if self.instance.pk:
            programs = [self.instance.program_id]
        else:
            programs = [program.pk] if program is not None else editable_program_ids(user)
        eligible = Q(pk__in=program_staff(programs).values("pk")) | Q(vendor__isnull=False)
        if self.instance.pk:
            eligible |= Q(pk__in=self.instance.attendees.values("pk"))
        self.fields["attendees"].queryset = self.fields["attendees"].queryset.filter(eligible)


class ActionItemForm(ProgramScopedForm):
    class Meta:
        model = ActionItem
        fields = ["title", "description", "owner", "due_date"]
        widgets = {"due_date": DATE, "description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, program=None, **kwargs):
        from risk.selectors import action_owners

        super().__init__(*args, program=program, **kwargs)
        program = program or (self.instance.program if self.instance.program_id else None)
        if program is not None:
            # Whoever may see the program, as a corrective action's owner (meetings.check_action_owner).
            self.fields["owner"].queryset = action_owners(program).order_by("vendor__name", "username")
        self.fields["owner"].help_text = _("Staff who may see the program, or a user of one of its contract vendors.")


class CloseForm(forms.Form):
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000)


class CommunicationForm(ProgramScopedForm):
    class Meta:
        model = Communication
        fields = ["program", "audience", "content", "frequency", "channel", "owner", "last_sent_on", "active"]
        widgets = {"last_sent_on": DATE, "content": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user=None, program=None, **kwargs):
        from risk.selectors import program_staff

        super().__init__(*args, user=user, program=program, **kwargs)
        # Staff who may see the line's program (Communication.clean refuses anyone else); on a new
        # line, of the programs the user edits. The current owner stays offered.
        if self.instance.pk:
            programs = [self.instance.program_id]
        else:
            programs = [program.pk] if program is not None else editable_program_ids(user)
        eligible = Q(pk__in=program_staff(programs).values("pk"))
        if self.instance.owner_id:
            eligible |= Q(pk=self.instance.owner_id)
        self.fields["owner"].queryset = staff_users().filter(eligible)
        if self.instance.pk:
            self.fields.pop("program")


class MarkSentForm(forms.Form):
    sent_on = forms.DateField(label=_("Sent on"), widget=DATE, required=False, help_text=_("Empty: today."))


class CourseForm(ProgramScopedForm):
    class Meta:
        model = Course
        fields = ["program", "title", "category", "description", "pass_score"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields.pop("program")


class SessionForm(ProgramScopedForm):
    attendees = forms.ModelMultipleChoiceField(
        label=_("Attendees"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Staff who may see the program, and users of its contract vendors."),
    )

    class Meta:
        model = TrainingSession
        fields = ["starts_at", "trainer", "location", "status", "notes", "attendees"]
        widgets = {"starts_at": DATETIME, "notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, program=None, **kwargs):
        super().__init__(*args, program=program, **kwargs)
        if self.instance.pk:
            self.fields.pop("attendees")  # enrol more on the session page
        else:
            self.fields["status"].choices = [(SessionStatus.SCHEDULED, SessionStatus.SCHEDULED.label)]
            if program is not None:
                self.fields["attendees"].queryset = session_attendees(program)


def session_attendees(program):
    """Who may attend a session of `program` (training.check_attendees refuses anyone else): staff
    who may see the program and the users of its contract vendors, as a corrective action's owners."""
    from risk.selectors import action_owners

    return action_owners(program).order_by("vendor__name", "username")


class EnrolForm(forms.Form):
    users = forms.ModelMultipleChoiceField(
        label=_("Add attendees"), queryset=User.objects.none(), widget=forms.SelectMultiple(attrs={"size": 6})
    )

    def __init__(self, *args, program=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["users"].queryset = session_attendees(program)


class SupportRequestForm(forms.ModelForm):
    """Raising a request (staff or vendor): the program among those the user may raise in."""

    class Meta:
        model = SupportRequest
        fields = ["program", "title", "category", "priority", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        from .support import requestable_programs

        self.fields["program"].queryset = requestable_programs(user).order_by("code")


class SupportEditForm(forms.ModelForm):
    """Program staff: category, priority and who works on it."""

    class Meta:
        model = SupportRequest
        fields = ["title", "category", "priority", "assignee", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, user=None, **kwargs):
        from risk.selectors import program_staff

        super().__init__(*args, **kwargs)
        # Staff who may see the request's program (SupportRequest.clean refuses anyone else);
        # the current assignee stays offered.
        eligible = Q(pk__in=program_staff([self.instance.program_id]).values("pk"))
        if self.instance.assignee_id:
            eligible |= Q(pk=self.instance.assignee_id)
        self.fields["assignee"].queryset = User.objects.filter(eligible).order_by("username")


class SupportMoveForm(forms.Form):
    to = forms.ChoiceField(label=_("New status"), choices=SupportStatus.choices)
    resolution = forms.CharField(
        label=_("Resolution"),
        required=False,
        # No max_length: the service words the error with the length typed.
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": RESOLUTION_MAX_LENGTH}),
        help_text=_("Required to resolve it."),
    )
