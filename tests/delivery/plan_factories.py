"""Small builders for the plan tests: a work package and tasks of a program, saved directly."""

from datetime import date

from delivery.models import Task, TransitionItem, WorkPackage


def package(program, name="Build"):
    return WorkPackage.objects.get_or_create(program=program, name=name)[0]


def task(program, name, start, finish, *, depends_on=(), **kwargs):
    """A task with baseline [start, finish] (dates or day numbers of January 2026)."""
    start = start if isinstance(start, date) else date(2026, 1, start)
    finish = finish if isinstance(finish, date) else date(2026, 1, finish)
    t = Task.objects.create(
        program=program,
        work_package=kwargs.pop("work_package", None) or package(program),
        name=name,
        baseline_start=start,
        baseline_finish=finish,
        **kwargs,
    )
    t.depends_on.set(depends_on)
    return t


def item(program, title, *, mandatory=True, category="go_live", **kwargs):
    return TransitionItem.objects.create(program=program, title=title, mandatory=mandatory, category=category, **kwargs)
