"""Improvement initiatives (the workflow, expected against realized benefit) and lessons learned
(search in English and Chinese, offered on the program page for its phase), with flat query counts."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from performance.improvement import services
from performance.improvement.models import ImprovementInitiative, Lesson

pytestmark = pytest.mark.django_db


def idea(cast, **kw):
    by = kw.pop("by", cast.contributor)
    data = {"program": cast.program_a, "title": "自动匹配发票 Automate invoice matching", "benefit_unit": "hours/month"}
    data.update(kw)
    return services.initiative_create(by=by, **data)


def lesson(cast, title, body="Lesson text.", phase="transition", category="people", tags="", program=None):
    program = program or cast.program_a
    return services.lesson_create(
        by=cast.manager if program == cast.program_a else cast.admin,
        title=title,
        body=body,
        phase=phase,
        category=category,
        tags=tags,
        program=program,
        source="Transition retrospective",
    )


def test_initiative_goes_from_idea_to_measured_benefit(cast):
    item = idea(cast)
    assert item.status == "idea"
    with pytest.raises(ValidationError):  # no expected benefit yet
        services.initiative_approve(initiative=item, by=cast.manager)
    item = services.initiative_update(initiative=item, by=cast.contributor, expected_benefit=Decimal("120"))
    with pytest.raises(PermissionDenied):  # contributors do not decide
        services.initiative_approve(initiative=item, by=cast.contributor)
    with pytest.raises(ValidationError):  # not approved yet
        services.initiative_implement(initiative=item, by=cast.contributor)
    item = services.initiative_approve(initiative=item, by=cast.manager)
    assert (item.status, item.decided_by) == ("approved", cast.manager)
    with pytest.raises(ValidationError):  # the promise is fixed once approved
        services.initiative_update(initiative=item, by=cast.contributor, expected_benefit=Decimal("500"))
    item = services.initiative_implement(initiative=item, by=cast.contributor, implemented_on=date(2026, 3, 1))
    with pytest.raises(ValidationError):
        services.initiative_measure(initiative=item, by=cast.contributor, realized_benefit=None)
    item = services.initiative_measure(
        initiative=item,
        by=cast.contributor,
        realized_benefit=Decimal("90"),
        note="Time study",
        measured_on=date(2026, 6, 1),
    )
    assert item.status == "measured" and item.realization_pct == Decimal("75.0")
    with pytest.raises(ValidationError):  # closed
        services.initiative_update(initiative=item, by=cast.manager, title="x")


def test_rejecting_needs_a_reason_and_closes_the_idea(cast):
    item = idea(cast)
    with pytest.raises(ValidationError):
        services.initiative_reject(initiative=item, by=cast.manager, reason=" ")
    item = services.initiative_reject(initiative=item, by=cast.manager, reason="成本太高 Too costly")
    assert item.status == "rejected"
    with pytest.raises(ValidationError):
        services.initiative_approve(initiative=item, by=cast.manager)


def test_initiative_only_for_programs_the_user_works_on(cast):
    with pytest.raises(ValidationError):
        idea(cast, by=cast.outsider)
    with pytest.raises(ValidationError):
        idea(cast, by=cast.viewer)


def test_initiative_pages_walk_the_workflow(client, cast):
    client.force_login(cast.contributor)
    response = client.post(
        reverse("performance:initiative_create"),
        {
            "program": cast.program_a.pk,
            "title": "Self-service portal",
            "expected_benefit": "40",
            "benefit_unit": "calls/day",
        },
    )
    item = ImprovementInitiative.objects.get()
    assert response.status_code == 302 and item.proposed_by == cast.contributor
    step = lambda name: reverse("performance:initiative_step", args=[item.pk, name])  # noqa: E731
    assert client.post(step("approve")).status_code == 403
    client.force_login(cast.manager)
    page = client.get(item.get_absolute_url()).content.decode()
    assert 'data-testid="approve"' in page
    client.post(step("approve"))
    client.post(step("implement"), {"implemented_on": "2026-02-01"})
    client.post(step("measure"), {"realized_benefit": "50", "measured_on": "2026-04-01", "note": "Call logs"})
    page = client.get(item.get_absolute_url()).content.decode()
    assert 'data-testid="realization">125%<' in page and "Benefit measured" in page  # the percent format: 125%
    client.force_login(cast.outsider)
    assert client.get(item.get_absolute_url()).status_code == 404


def test_lesson_search_in_english_and_chinese(cast):
    kt = lesson(
        cast,
        "知识转移要尽早开始",
        body="Start knowledge transfer at least three months before go-live.",
        tags="知识转移, knowledge transfer",
    )
    sla = lesson(
        cast,
        "Baseline SLAs before signing",
        body="没有基线数据，服务水平目标无法验证。",
        phase="contracting",
        category="quality",
        tags="SLA, 基线",
    )
    other = lesson(
        cast, "Steering committee cadence", body="Monthly is enough.", phase="steady_state", category="governance"
    )
    search = lambda q: set(Lesson.objects.visible_to(cast.viewer).search(q))  # noqa: E731
    assert search("知识转移") == {kt}
    assert search("KNOWLEDGE transfer") == {kt}
    assert search("基线") == {sla}
    assert search("sla 验证") == {sla}  # every word, anywhere in title, body or tags
    assert search("go-live 知识") == {kt}
    assert search("steering") == {other}
    assert search("不存在") == set()


def test_lesson_list_searches_filters_and_stays_flat(client, cast):
    client.force_login(cast.executive)
    lesson(cast, "知识转移要尽早开始", tags="knowledge transfer")
    url = reverse("performance:lesson_list")

    def count(params):
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url, params)
        assert response.status_code == 200
        return len(ctx), response.content.decode()

    n, page = count({"q": "转移"})
    assert "知识转移要尽早开始" in page
    _, page = count({"q": "Knowledge", "phase": "transition"})
    assert "知识转移要尽早开始" in page
    _, page = count({"phase": "sourcing"})
    assert "知识转移要尽早开始" not in page
    few, _ = count({})
    for i in range(6):
        lesson(cast, f"Lesson {i}", program=cast.program_b if i % 2 else cast.program_a)
    many, _ = count({})
    assert few == many
    assert client.get(url, {"export": "csv"}).status_code == 200


def test_initiative_list_stays_flat(client, cast):
    client.force_login(cast.manager)
    url = reverse("performance:initiative_list")
    idea(cast, owner=cast.manager)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx)

    few = count()
    for i in range(6):
        idea(cast, title=f"Idea {i}", owner=cast.contributor, expected_benefit=Decimal(i + 1))
    assert count() == few


def test_program_page_offers_lessons_of_its_current_phase(client, cast):
    cast.program_a.phase = "transition"
    cast.program_a.save(update_fields=["phase"])
    lesson(cast, "知识转移要尽早开始", phase="transition", program=cast.program_b)
    lesson(cast, "Negotiate exit terms up front", phase="contracting", category="commercial")
    client.force_login(cast.manager)
    page = client.get(cast.program_a.get_absolute_url()).content.decode()
    assert 'data-testid="phase-lessons"' in page
    assert "知识转移要尽早开始" in page and "Negotiate exit terms" not in page
    assert "0 open improvement initiatives" in page
    idea(cast)
    page = client.get(cast.program_a.get_absolute_url()).content.decode()
    assert "1 open improvement initiative<" in page
    assert "Record a lesson" in page


@pytest.mark.parametrize("role", ["executive", "viewer"])
def test_program_page_offers_record_a_lesson_only_to_who_may(client, cast, role):
    client.force_login(getattr(cast, role))
    page = client.get(cast.program_a.get_absolute_url()).content.decode()
    assert 'data-testid="phase-lessons"' in page and "Record a lesson" not in page
    assert client.get(reverse("performance:lesson_create")).status_code == 403


def test_program_page_shows_finance_no_lessons_panel_outside_its_programs(client, cast):
    """Finance reads every program's money, not its lessons (bpo.core.scoping): no panel."""
    client.force_login(cast.finance)
    page = client.get(cast.program_a.get_absolute_url()).content.decode()
    assert 'data-testid="phase-lessons"' not in page
    assert client.get(reverse("performance:lesson_create")).status_code == 403


def test_vendor_users_see_no_lessons_or_initiatives(client, cast):
    lesson(cast, "Internal lesson")
    idea(cast)
    client.force_login(cast.vendor_x_admin)
    assert client.get("/api/v1/lessons/").status_code == 403
    from bpo.accounts.models import User

    user = User.objects.get(pk=cast.vendor_x_admin.pk)
    assert not Lesson.objects.visible_to(user).exists()
    assert not ImprovementInitiative.objects.visible_to(user).exists()


def test_api_searches_lessons_in_chinese(client, cast):
    lesson(cast, "知识转移要尽早开始", tags="knowledge transfer")
    lesson(cast, "Other")
    client.force_login(cast.viewer)
    data = client.get("/api/v1/lessons/", {"q": "知识"}).json()
    assert [r["title"] for r in data["results"]] == ["知识转移要尽早开始"]


def test_proposals_and_decisions_notify_the_right_people_once(cast, django_capture_on_commit_callbacks):
    from bpo.core.models import Notification

    with django_capture_on_commit_callbacks(execute=True):
        item = idea(cast, expected_benefit=Decimal("10"))
    assert list(
        Notification.objects.filter(event_key=f"initiative:{item.pk}:proposed").values_list(
            "recipient__username", flat=True
        )
    ) == [cast.manager.username]
    with django_capture_on_commit_callbacks(execute=True):
        services.initiative_approve(initiative=item, by=cast.manager)
    assert (
        Notification.objects.filter(event_key=f"initiative:{item.pk}:approved", recipient=cast.contributor).count() == 1
    )
    # the managers' "Improvement idea to decide" is decided: read
    assert Notification.objects.get(event_key=f"initiative:{item.pk}:proposed").read_at is not None


def test_lessons_are_offered_once_per_program_and_phase(cast):
    from bpo.core.models import Notification
    from performance.improvement.notices import lessons_offer_due

    cast.program_a.phase = "transition"
    cast.program_a.save(update_fields=["phase"])
    lesson(cast, "知识转移要尽早开始", phase="transition")
    lesson(cast, "Shadow before go-live", phase="transition")
    assert lessons_offer_due() >= 1
    notes = Notification.objects.filter(event_key=f"lessons-offered:{cast.program_a.pk}:transition")
    assert [n.recipient for n in notes] == [cast.manager] and "2 lessons" in notes[0].title
    assert lessons_offer_due() == 0  # a second run offers nothing again
    cast.program_a.phase = "steady_state"
    cast.program_a.save(update_fields=["phase"])
    assert lessons_offer_due() == 0  # no lessons for steady state yet
    lesson(cast, "Monthly reviews need root causes", phase="steady_state")
    assert lessons_offer_due() == 1
