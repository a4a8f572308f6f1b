"""Who may open the vendor performance pages, improvement initiatives and lessons learned
(merged into tests/test_access_matrix.py)."""

from tests.access import CONTENT_READERS_OF_A, NOT_CONTENT_READERS_OF_A, expect, only

# Members of program A who read it, administrators and executives read its initiatives; the outsider
# (program B), program A's evaluator, finance and legal (members of no program) get 404.
READERS_OF_A = CONTENT_READERS_OF_A
EDITORS_OF_A = ["admin", "manager", "contributor"]
NO_LESSONS = {"evaluator": 404, "finance": 404, "legal": 404}


def _initiative(c):
    from performance.improvement.models import ImprovementInitiative

    obj = ImprovementInitiative.objects.filter(program=c.program_a).first()
    if obj is None:
        obj = ImprovementInitiative.objects.create(
            program=c.program_a, title="Automate invoice matching", proposed_by=c.manager
        )
    return {"pk": obj.pk}


def _lesson(c):
    from performance.improvement.models import Lesson

    obj = Lesson.objects.first() or Lesson.objects.create(
        title="知识转移要尽早开始",
        body="Start knowledge transfer early.",
        phase="transition",
        category="people",
        program=c.program_a,
        created_by=c.manager,
    )
    return {"pk": obj.pk}


EXPECT = {
    # Staff read any vendor's page (the registry is shared); its figures are limited to their programs.
    "performance:vendor_performance": (lambda c: {"pk": c.vendor_x.pk}, expect(302, 200, 403)),
    # A vendor's own performance in the portal (no quadrant of other vendors there).
    "portal:vendor_performance": (None, expect(302, 403, 200)),
    # Initiatives: program-scoped; managers and contributors of some program create them.
    "performance:initiative_list": (None, expect(302, 200, 403)),
    "performance:initiative_create": (None, only(EDITORS_OF_A, outsider=200)),
    "performance:initiative_detail": (_initiative, only(READERS_OF_A, **NOT_CONTENT_READERS_OF_A)),
    "performance:initiative_update": (_initiative, only(EDITORS_OF_A, **NOT_CONTENT_READERS_OF_A)),
    "performance:initiative_step": (lambda c: {**_initiative(c), "step": "approve"}, expect(302, 405, 403)),
    # Lessons learned: shared knowledge, every staff user who reads a program's records reads them
    # (the evaluator, who reads none, gets 404, and so do finance and legal, members of no program:
    # they read every program's money or contracts, not its records); the author and managers edit.
    "performance:lesson_list": (None, expect(302, 200, 403)),
    "performance:lesson_create": (None, only(EDITORS_OF_A, outsider=200)),
    "performance:lesson_detail": (_lesson, expect(302, 200, 403, **NO_LESSONS)),
    "performance:lesson_update": (_lesson, only(["admin", "manager"], **NO_LESSONS)),
    "lesson-list": (None, expect(401, 200, 403)),
    "lesson-detail": (_lesson, expect(401, 200, 403, **NO_LESSONS)),
    "improvement-initiative-list": (None, expect(401, 200, 403)),
    "improvement-initiative-detail": (_initiative, expect(401, 200, 403, **NOT_CONTENT_READERS_OF_A)),
}
