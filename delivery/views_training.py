"""Staff pages of training: courses, sessions (enrolment, attendance and scores) and completion rates."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from bpo.core.access import get_editable_or_403
from bpo.core.numbers import plain_decimal
from bpo.core.records import RecordDetailView

from . import training
from .filtersets_engagement import CourseFilterSet, SessionFilterSet
from .forms_engagement import CourseForm, EnrolForm, SessionForm
from .models import Attendance, Course, TrainingSession
from .tables_engagement import COURSE_COLUMNS, SESSION_COLUMNS
from .views_meetings import EngagementListView, ScopedFormView, _staff


class CourseListView(EngagementListView):
    model = Course
    filterset_class = CourseFilterSet
    columns = COURSE_COLUMNS
    title = _("Courses")
    export_name = "courses"
    create_url_name = "delivery:course_create"

    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("program")
            .annotate(session_count=Count("sessions"))
            .order_by("program__code", "title", "pk")  # a GROUP BY drops Meta.ordering
        )


class CourseDetailView(RecordDetailView):
    model = Course
    template_name = "delivery/course_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        course = context["object"]
        context.update(
            sessions=course.sessions.annotate(attendee_count=Count("attendances")).order_by("-starts_at", "-pk"),
            rates=training.completion_rates(
                Attendance.objects.visible_to(self.request.user).filter(session__course=course)
            ),
        )
        return context


class CourseFormView(ScopedFormView):
    model = Course
    form_class = CourseForm

    def get_title(self):
        return _("Edit %(name)s") % {"name": self.object} if self.object else _("New course")

    def save(self, form):
        if self.object is None:
            return training.course_create(by=self.request.user, **form.cleaned_data)
        return training.course_update(course=self.object, by=self.request.user, **form.cleaned_data)


class SessionListView(EngagementListView):
    model = TrainingSession
    filterset_class = SessionFilterSet
    columns = SESSION_COLUMNS
    title = _("Training sessions")
    export_name = "training-sessions"

    def can_create(self):
        return False  # scheduled from a course

    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("course__program")
            .annotate(attendee_count=Count("attendances"))
            .order_by("-starts_at", "-pk")
        )


class SessionDetailView(RecordDetailView):
    model = TrainingSession
    template_name = "delivery/session_detail.html"

    def get_object(self):
        obj = super().get_object()
        return TrainingSession.objects.select_related("course__program").get(pk=obj.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        session = context["object"]
        context.setdefault("attendances", session.attendances.select_related("user", "vendor"))
        context.update(
            enrol_form=EnrolForm(program=session.course.program) if context["can_edit"] else None,
            rates=training.completion_rates(session.attendances.all()),
        )
        return context


class SessionCreateView(ScopedFormView):
    model = TrainingSession
    form_class = SessionForm
    success_message = _("Session scheduled.")

    def get_object(self):
        self.course = get_editable_or_403(Course, self.request.user, pk=self.kwargs["pk"])
        return None

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "program": self.course.program}

    def get_title(self):
        return _("New session of %(course)s") % {"course": self.course}

    def save(self, form):
        return training.session_create(course=self.course, by=self.request.user, **form.cleaned_data)


class SessionFormView(ScopedFormView):
    model = TrainingSession
    form_class = SessionForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "program": self.object.course.program}

    def get_title(self):
        return _("Edit %(name)s") % {"name": self.object}

    def save(self, form):
        return training.session_update(session=self.object, by=self.request.user, **form.cleaned_data)


@login_required
@require_POST
def session_enrol(request, pk):
    user = _staff(request)
    session = get_editable_or_403(TrainingSession, user, pk=pk)
    form = EnrolForm(request.POST, program=session.course.program)
    if not form.is_valid():
        messages.error(request, _("Choose the people to enrol."))
        return redirect(session)
    try:
        added = training.session_enrol(session=session, by=user, users=form.cleaned_data["users"])
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("%(n)s attendee(s) enrolled.") % {"n": added})
    return redirect(session)


def _parse_rows(post, attendances):
    """Reads `attended_<id>` (yes/no/empty) and `score_<id>` for each attendance of the form.
    Returns the rows to record and the errors per attendance id; each attendance carries what
    was typed (`attended`, `score`), for the form shown again."""
    rows, errors = {}, {}
    for att in attendances:
        flag = post.get(f"attended_{att.pk}", "")
        attended = {"yes": True, "no": False}.get(flag)
        raw = post.get(f"score_{att.pk}", "").strip()
        att.attended, att.score = attended, raw or None
        score = None
        if raw:
            score = plain_decimal(raw)  # not Decimal(): "1e1" was 10, "NaN" a 500
            if score is None:
                errors[att.pk] = [_("%(user)s: the score is not a number.") % {"user": att.user}]
                continue
        rows[att.pk] = (attended, score)
    return rows, errors


@login_required
@require_POST
def session_attendance(request, pk):
    """Records presence and assessment scores of every attendee at once. A refusal shows the form
    again (400) with what was typed, each row's error next to it and the session's above."""
    user = _staff(request)
    session = get_editable_or_403(TrainingSession, user, pk=pk)
    attendances = list(session.attendances.select_related("user", "vendor"))
    rows, errors = _parse_rows(request.POST, attendances)
    general = []
    if not errors:
        try:
            training.attendance_record(session=session, by=user, rows=rows)
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for key, row_errors in exc.message_dict.items():
                    errors[int(key.removeprefix("row_"))] = row_errors
            else:
                general = exc.messages
    if not (errors or general):
        messages.success(request, _("Attendance recorded."))
        return redirect(session)
    for att in attendances:
        att.row_errors = errors.get(att.pk, [])
    view = SessionDetailView()
    view.setup(request, pk=pk)
    context = view.get_context_data(attendances=attendances, attendance_errors=general)
    return render(request, view.template_name, context, status=400)


@login_required
def completion(request):
    """Completion rate per team (staff, each vendor) over held sessions, filtered like the sessions list."""
    user = _staff(request)
    filterset = SessionFilterSet(
        request.GET or None, queryset=TrainingSession.objects.visible_to(user), request=request
    )
    attendances = Attendance.objects.visible_to(user).filter(session__in=filterset.qs.values("pk"))
    return render(
        request,
        "delivery/training_completion.html",
        {"filterset": filterset, "rates": training.completion_rates(attendances), "title": _("Training completion")},
    )
