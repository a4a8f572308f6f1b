"""Reads of continuous improvement that other apps' pages show."""

from django.db.models import BooleanField, Count, Exists, F, Func, IntegerField, OuterRef, Subquery, Value, Window

from risk.querysets import risk_program_ids

from .choices import INITIATIVE_OPEN
from .models import ImprovementInitiative, Lesson
from .querysets import _staff


def with_lessons_panel(programs, user):
    """The programs with what their page's lessons panel shows besides the lessons, as subqueries
    of the programs' own query: `lessons_can_record`, whether this user may record a lesson
    (`services.can_create`), and `open_initiatives`, the count of the program's open improvement
    initiatives this user sees. The `lessons_for_phase` tag reads them instead of a query each."""
    if not _staff(user):
        return programs.annotate(
            lessons_can_record=Value(False, output_field=BooleanField()),
            open_initiatives=Value(0, output_field=IntegerField()),
        )
    open_ones = (
        ImprovementInitiative.objects.visible_to(user)
        .filter(program=OuterRef("pk"), status__in=INITIATIVE_OPEN)
        .order_by()
        # COUNT over the whole subquery, without GROUP BY: always one row, 0 when there are none.
        .annotate(n=Func(F("pk"), function="COUNT"))
        .values("n")
    )
    # An administrator may record a lesson once any program exists, and a row of `programs` is one.
    may_record = Value(True) if user.is_administrator else Exists(risk_program_ids(user))
    return programs.annotate(
        lessons_can_record=may_record, open_initiatives=Subquery(open_ones, output_field=IntegerField())
    )


def phase_lessons(user, phase: str, limit: int) -> tuple[list, int]:
    """The latest `limit` lessons of `phase` this user reads, with their program, and how many
    there are in all, in one query (the total is a window count over every matching row, taken
    before the LIMIT)."""
    lessons = list(
        Lesson.objects.visible_to(user)
        .for_phase(phase)
        .select_related("program")
        .annotate(phase_total=Window(Count("pk")))
        .order_by("-created_at", "-pk")[:limit]
    )
    return lessons, (lessons[0].phase_total if lessons else 0)
