"""Sourcing pages: the event list (scoped, flat query count), the forms, and the portal pages."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import ProgramFactory
from vendors.models import SourcingEvent

from .world import make_event


def _events(program, n):
    now = timezone.now()
    SourcingEvent.objects.bulk_create(
        SourcingEvent(program=program, title=f"Event {i}", questions_deadline=now, submission_deadline=now)
        for i in range(n)
    )


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_event_list_query_count_is_the_same_at_5_and_60_rows(cast, client):
    client.force_login(cast.manager)
    url = reverse("vendors:event_list")
    _events(cast.program_a, 5)
    few = _count(client, url)
    _events(cast.program_a, 55)
    assert _count(client, url) == few


def test_event_list_shows_only_visible_events_and_program_filter_lists_only_visible_programs(cast, client):
    make_event(cast)
    other = ProgramFactory(code="SECRET-9", name="Secret programme")
    _events(other, 1)
    client.force_login(cast.manager)
    html = client.get(reverse("vendors:event_list")).content.decode()
    assert "Contact centre RFP" in html and "Event 0" not in html and "SECRET-9" not in html


def test_manager_creates_an_event_through_the_form_and_errors_keep_the_input(cast, client):
    client.force_login(cast.manager)
    url = reverse("vendors:event_create")
    now = timezone.now()
    data = {
        "program": cast.program_a.pk,
        "kind": "rfp",
        "title": "Finance and accounting",
        "questions_deadline": (now + timedelta(days=9)).strftime("%Y-%m-%dT%H:%M"),
        "submission_deadline": (now + timedelta(days=5)).strftime("%Y-%m-%dT%H:%M"),
    }
    response = client.post(url, data)
    assert response.status_code == 200 and "questions deadline must come before" in response.content.decode()
    assert 'value="Finance and accounting"' in response.content.decode()
    data["questions_deadline"] = (now + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(url, data)
    event = SourcingEvent.objects.get()
    assert response.status_code == 302 and response["Location"] == event.get_absolute_url()
    # The outsider manages program B only: program A is not offered to them.
    client.force_login(cast.outsider)
    assert client.post(url, data).status_code == 200 and SourcingEvent.objects.count() == 1


def test_publish_refusal_is_shown_on_the_event_page(cast, client):
    event = make_event(cast, status="draft", deadline_in=timedelta(days=5), invite=())
    client.force_login(cast.manager)
    response = client.post(reverse("vendors:event_action", args=[event.pk, "publish"]), follow=True)
    assert "Invite at least one vendor." in response.content.decode()
    assert SourcingEvent.objects.get(pk=event.pk).status == "draft"


def test_score_sheet_saves_and_flags_an_invalid_score(cast, client):
    from vendors.models import Criterion, Score

    from .world import make_proposal

    event = make_event(cast)
    proposal = make_proposal(event, cast.vendor_x)
    quality = Criterion.objects.get(event=event, name="Quality")
    client.force_login(cast.evaluator)
    url = reverse("vendors:score_sheet", args=[event.pk])
    response = client.post(url, {f"s-{proposal.pk}-{quality.pk}": "12"})
    assert response.status_code == 400 and 'value="12"' in response.content.decode()
    assert client.post(url, {f"s-{proposal.pk}-{quality.pk}": "7.5"}).status_code == 302
    assert Score.objects.get().score == 7.5


def test_portal_lists_only_our_invitations(cast, client):
    event = make_event(cast, deadline_in=timedelta(days=3))
    client.force_login(cast.vendor_x_user)
    assert "Contact centre RFP" in client.get(reverse("portal:sourcing_list")).content.decode()
    client.force_login(cast.vendor_y_admin)
    assert "Contact centre RFP" not in client.get(reverse("portal:sourcing_list")).content.decode()
    assert client.get(reverse("portal:proposal_edit", args=[event.pk])).status_code == 404


def _awarded_events(cast, n, winners):
    """`n` awarded events vendor X is invited to, each with an approved award to a vendor of `winners`
    (in turn), built straight in the database."""
    from vendors.models import AwardDecision

    from .world import make_proposal

    for i in range(n):
        event = make_event(cast, status="awarded", invite=("vendor_x", "vendor_y"))
        proposals = {name: make_proposal(event, getattr(cast, name)) for name in ("vendor_x", "vendor_y")}
        AwardDecision.objects.create(
            event=event, proposal=proposals[winners[i % len(winners)]], rationale="Best", approved_at=timezone.now()
        )


def test_portal_invitations_query_count_is_the_same_at_2_and_12_awarded_events(cast, client):
    client.force_login(cast.vendor_x_user)
    url = reverse("portal:sourcing_list")
    _awarded_events(cast, 2, ("vendor_x", "vendor_y"))
    few = _count(client, url)
    _awarded_events(cast, 10, ("vendor_x", "vendor_y"))
    assert _count(client, url) == few
    html = client.get(url).content.decode()
    assert html.count('data-testid="result">Selected<') == 6 and html.count('data-testid="result">Not selected<') == 6


def test_portal_shows_no_result_until_the_award_is_approved(cast, client):
    from vendors.models import AwardDecision

    from .world import make_proposal

    event = make_event(cast, status="awarded")
    AwardDecision.objects.create(event=event, proposal=make_proposal(event, cast.vendor_x), rationale="Best")
    client.force_login(cast.vendor_x_user)
    for url in (reverse("portal:sourcing_list"), reverse("portal:sourcing_detail", args=[event.pk])):
        assert 'data-testid="result"' not in client.get(url).content.decode()
    AwardDecision.objects.filter(event=event).update(approved_at=timezone.now())
    for url in (reverse("portal:sourcing_list"), reverse("portal:sourcing_detail", args=[event.pk])):
        assert 'data-testid="result">Selected<' in client.get(url).content.decode()


def test_api_lists_a_vendor_only_the_published_events_it_is_invited_to(cast):
    from rest_framework.test import APIClient

    invited = make_event(cast, deadline_in=timedelta(days=3))
    make_event(cast, status="draft", deadline_in=timedelta(days=3))
    make_event(cast, deadline_in=timedelta(days=3), invite=("vendor_y",))
    api = APIClient()
    api.force_authenticate(cast.vendor_x_user)
    assert [e["id"] for e in api.get("/api/v1/sourcing-events/").json()["results"]] == [invited.pk]
    assert api.get(f"/api/v1/sourcing-events/{invited.pk}/ranking/").status_code == 403
    api.force_authenticate(cast.evaluator)
    assert api.get("/api/v1/sourcing-events/").json()["count"] == 3  # assigned to all three


def test_api_manager_creates_and_publishes_an_event(cast):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(cast.manager)
    now = timezone.now()
    response = api.post(
        "/api/v1/sourcing-events/",
        {
            "program": cast.program_a.pk,
            "kind": "tender",
            "title": "Payroll",
            "questions_deadline": (now + timedelta(days=1)).isoformat(),
            "submission_deadline": (now + timedelta(days=2)).isoformat(),
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    response = api.post(f"/api/v1/sourcing-events/{pk}/publish/")
    assert response.status_code == 400 and response.json()["type"] == "validation_error"
    api.force_authenticate(cast.contributor)
    assert api.post(f"/api/v1/sourcing-events/{pk}/publish/").status_code == 403


def test_portal_proposal_with_attachments_and_downloads_only_for_our_vendor(cast, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from vendors.models import ProposalAttachment

    event = make_event(cast, deadline_in=timedelta(days=3))
    client.force_login(cast.vendor_x_admin)
    from tests.hardening.hostile import xlsx_bytes

    files = [SimpleUploadedFile("a.pdf", b"%PDF-1.4 a"), SimpleUploadedFile("b.xlsx", xlsx_bytes())]
    response = client.post(
        reverse("portal:proposal_edit", args=[event.pk]),
        {"price": "1000.00", "price_breakdown": "Setup: 400\nRun: 600", "answers": "Yes", "attachments": files},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    attachment = ProposalAttachment.objects.get(title="a.pdf")
    assert ProposalAttachment.objects.count() == 2
    url = reverse("portal:proposal_attachment", args=[attachment.pk])
    assert b"".join(client.get(url).streaming_content) == b"%PDF-1.4 a"
    client.force_login(cast.vendor_y_admin)
    assert client.get(url).status_code == 404
    client.force_login(cast.admin)  # sealed, and the staff door refuses the portal anyway
    assert client.get(reverse("vendors:proposal_attachment", args=[attachment.pk])).status_code == 404


def test_event_page_links_the_program_only_for_those_who_can_see_it(cast, client):
    """An evaluator assigned to an event of a program they are not a member of sees neither
    (the assignment alone grants nothing: tests/vendors/test_evaluator_removed_from_program.py);
    a member evaluator sees the program's name but no link (an evaluator membership reads
    nothing of the program: its page answers 404); a viewer gets the link."""
    from strategy.models import Program

    event = make_event(cast, evaluators=("evaluator", "outsider"))
    program_url = cast.program_a.get_absolute_url()
    assert not Program.objects.visible_to(cast.outsider).filter(pk=cast.program_a.pk).exists()
    client.force_login(cast.outsider)
    assert client.get(program_url).status_code == 404
    assert client.get(event.get_absolute_url()).status_code == 404
    client.force_login(cast.evaluator)
    html = client.get(event.get_absolute_url()).content.decode()
    assert f'href="{program_url}"' not in html
    assert str(cast.program_a) in html
    assert client.get(program_url).status_code == 404
    client.force_login(cast.viewer)
    html = client.get(event.get_absolute_url()).content.decode()
    assert f'href="{program_url}"' in html
