"""The demo's lessons and initiatives: built through the services, once (a second run adds nothing)."""

from io import StringIO

from django.core.management import call_command

from performance.improvement.models import ImprovementInitiative, Lesson


def test_demo_lessons_and_initiatives_are_built_once(db, settings):
    settings.BPO_DEMO_ALLOWED = True
    call_command("load_demo", stdout=StringIO())
    counts = Lesson.objects.count(), ImprovementInitiative.objects.count()
    call_command("load_demo", stdout=StringIO())
    assert counts == (Lesson.objects.count(), ImprovementInitiative.objects.count()) == (5, 3)
    assert sorted(ImprovementInitiative.objects.values_list("status", flat=True)) == ["approved", "idea", "measured"]
    assert Lesson.objects.search("知识转移").count() == 1
