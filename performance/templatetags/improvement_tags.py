"""Template tags of continuous improvement: the lessons learned offered on a program's page."""

from django import template

from performance.improvement import services
from performance.improvement.choices import INITIATIVE_OPEN
from performance.improvement.models import ImprovementInitiative, Lesson

register = template.Library()

OFFERED = 5


@register.inclusion_tag("performance/improvement/_program_lessons.html", takes_context=True)
def lessons_for_phase(context, program):
    """The latest lessons tagged with the program's current phase (from any program), for its page:
    a program entering a phase is offered what others learned in it; and the count of the program's
    open improvement initiatives; *Record a lesson* only for those who may (the form answers 403
    otherwise). Four queries."""
    user = context["request"].user
    lessons = Lesson.objects.visible_to(user).for_phase(program.phase).select_related("program")
    return {
        "program": program,
        "lessons": list(lessons.order_by("-created_at", "-pk")[:OFFERED]),
        "total": lessons.count(),
        "phase_label": program.get_phase_display(),
        "can_record": services.can_create(user),
        "open_initiatives": ImprovementInitiative.objects.visible_to(user)
        .filter(program=program, status__in=INITIATIVE_OPEN)
        .count(),
    }
