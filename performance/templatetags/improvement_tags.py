"""Template tags of continuous improvement: the lessons learned offered on a program's page."""

from django import template

from performance.improvement import services
from performance.improvement.choices import INITIATIVE_OPEN
from performance.improvement.models import ImprovementInitiative
from performance.improvement.selectors import phase_lessons

register = template.Library()

OFFERED = 5


@register.inclusion_tag("performance/improvement/_program_lessons.html", takes_context=True)
def lessons_for_phase(context, program):
    """The latest lessons tagged with the program's current phase (from any program), for its page:
    a program entering a phase is offered what others learned in it; and the count of the program's
    open improvement initiatives; *Record a lesson* only for those who may (the form answers 403
    otherwise). One query (the lessons with their total) for a program read through
    `selectors.with_lessons_panel`; two more, the permission and the count, for one read without."""
    user = context["request"].user
    lessons, total = phase_lessons(user, program.phase, OFFERED)
    can_record = getattr(program, "lessons_can_record", None)
    if can_record is None:
        can_record = services.can_create(user)
    open_initiatives = getattr(program, "open_initiatives", None)
    if open_initiatives is None:
        open_initiatives = (
            ImprovementInitiative.objects.visible_to(user).filter(program=program, status__in=INITIATIVE_OPEN).count()
        )
    return {
        "program": program,
        "lessons": lessons,
        "total": total,
        "phase_label": program.get_phase_display(),
        "can_record": can_record,
        "open_initiatives": open_initiatives,
    }
