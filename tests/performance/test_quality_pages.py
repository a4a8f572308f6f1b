"""Quality pages, API and the portal's corrective actions: forms through the services, lists with
flat query counts and export, the vendor's work on its action and nobody else's."""

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from performance.models import QualityAudit
from risk.models import CorrectiveAction
from tests.contracts.factories import contract_of_a

from .access_quality import quality_world
from .quality_helpers import audit, standard


def test_audit_form_computes_the_result_and_proposes_a_capa(cast, client):
    std = standard(cast)
    contract = contract_of_a(cast)
    client.force_login(cast.contributor)
    data = {
        "standard": std.pk,
        "contract": contract.pk,
        "period_start": "2026-01-01",
        "period_end": "2026-01-31",
        "audited_on": "2026-02-03",
        "auditor": cast.contributor.pk,
        "sample_size": "400",
        "defects": "3",
        "findings": "Duplicate invoices",
    }
    response = client.post(reverse("performance:quality_audit_create"), data)
    a = QualityAudit.objects.get()
    assert response.status_code == 302 and response.url == a.get_absolute_url()
    assert (a.defect_rate, a.outcome) == (a.defect_rate.__class__("0.7500"), "fail")
    page = client.get(a.get_absolute_url()).content.decode()
    assert "Fail" in page and "Proposed" in page
    assert CorrectiveAction.objects.filter(audit=a, status="proposed").count() == 1


def test_audit_form_keeps_the_input_on_an_error(cast, client):
    std = standard(cast)
    client.force_login(cast.contributor)
    data = {
        "standard": std.pk,
        "contract": contract_of_a(cast).pk,
        "period_start": "2026-01-01",
        "period_end": "2026-01-31",
        "audited_on": "2026-02-03",
        "auditor": cast.contributor.pk,
        "sample_size": "10",
        "defects": "12",
        "findings": "Typed text stays",
    }
    response = client.post(reverse("performance:quality_audit_create"), data)
    assert response.status_code == 200
    text = response.content.decode()
    assert "Typed text stays" in text and "more defects than samples" in text
    assert not QualityAudit.objects.exists()


def test_audit_list_filters_exports_and_keeps_its_query_count(cast, client):
    std = standard(cast)
    audit(cast, std, defects=0)
    audit(cast, std, defects=9)
    client.force_login(cast.manager)
    url = reverse("performance:quality_audit_list")
    assert client.get(url, {"outcome": "fail"}).content.decode().count("QA-") == 1
    export = client.get(url, {"export": "csv"})
    body = b"".join(export.streaming_content).decode()
    assert export.status_code == 200 and body.count("QA-") == 2
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for i in range(20):
        audit(cast, std, defects=i % 3)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_standard_and_review_forms(cast, client):
    client.force_login(cast.manager)
    response = client.post(
        reverse("performance:quality_standard_create"),
        {
            "program": cast.program_a.pk,
            "process": "Claims",
            "metric": "Claims accuracy",
            "target": "99.5",
            "direction": "higher",
            "unit": "%",
            "acceptance_level": "0.5",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    assert "&gt;= 99.5 %" in client.get(response.url).content.decode()
    response = client.post(
        reverse("performance:quality_review_create"),
        {
            "program": cast.program_a.pk,
            "title": "Q1 review",
            "period_start": "2026-01-01",
            "period_end": "2026-03-31",
            "held_on": "2026-04-05",
            "reviewer": cast.manager.pk,
            "rating": "concerns",
            "findings": "Backlog grows\nRework rate up",
        },
    )
    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    assert "Backlog grows" in page and "Raise a corrective action" in page


def test_review_finding_and_complaint_raise_actions(cast, client):
    world = quality_world(cast)
    review = world["review"]
    client.force_login(cast.contributor)
    url = reverse("performance:quality_review_action", args=[review.pk])
    assert "VAT codes wrong" in client.get(url, {"finding": "VAT codes wrong"}).content.decode()
    response = client.post(
        url,
        {
            "title": "Fix VAT codes",
            "problem": "VAT codes wrong",
            "owner": cast.vendor_x_user.pk,
            "due_date": "2099-03-01",
        },
    )
    assert response.status_code == 302
    action = CorrectiveAction.objects.get(quality_review=review)
    assert (action.source, action.vendor, action.status) == ("quality_review", cast.vendor_x, "open")
    response = client.post(
        reverse("performance:quality_complaint_action"),
        {
            "program": cast.program_a.pk,
            "contract": contract_of_a(cast).pk,
            "title": "Customer complaint on refunds",
            "problem": "Refund took 40 days",
            "owner": cast.contributor.pk,
            "due_date": "2099-03-15",
        },
    )
    assert response.status_code == 302
    complaint = CorrectiveAction.objects.get(source="complaint")
    assert complaint.contract == contract_of_a(cast)
    assert (
        "Customer complaint on refunds"
        in client.get(reverse("risk:action_list"), {"source": "complaint"}).content.decode()
    )


def test_vendor_works_on_its_action_in_the_portal_and_nobody_elses(cast, client):
    world = quality_world(cast)
    action = world["action"]
    client.force_login(cast.vendor_y_admin)
    assert "CA-" not in client.get(reverse("portal:capa_list")).content.decode()
    assert client.post(reverse("portal:capa_progress", args=[action.pk]), {"progress_note": "x"}).status_code == 404
    client.force_login(cast.vendor_x_admin)
    assert "1 corrective action is waiting for you." in client.get(reverse("portal:home")).content.decode()
    assert action.reference in client.get(reverse("portal:capa_list")).content.decode()
    client.post(reverse("portal:capa_progress", args=[action.pk]), {"progress_note": "New VAT table loaded"})
    action.refresh_from_db()
    assert (action.status, action.progress_note) == ("in_progress", "New VAT table loaded")
    client.post(reverse("portal:capa_progress", args=[action.pk]), {"progress_note": "Done", "ready": "1"})
    action.refresh_from_db()
    assert action.status == "done"
    page = client.get(reverse("portal:capa_detail", args=[action.pk])).content.decode()
    assert "Waiting for staff to verify" in page and 'name="ready"' not in page


def test_proposals_stay_out_of_the_portal(cast, client):
    std = standard(cast)
    failed = audit(cast, std, defects=50)
    proposal = CorrectiveAction.objects.get(audit=failed)
    client.force_login(cast.vendor_x_admin)
    assert client.get(reverse("portal:capa_detail", args=[proposal.pk])).status_code == 404


def test_quality_api_records_an_audit_and_refuses_vendors(cast, client):
    std = standard(cast)
    client.force_login(cast.contributor)
    response = client.post(
        reverse("quality-audit-list"),
        {
            "standard": std.pk,
            "contract": contract_of_a(cast).pk,
            "period_start": "2026-01-01",
            "period_end": "2026-01-31",
            "audited_on": "2026-02-02",
            "sample_size": 200,
            "defects": 1,
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert (response.json()["defect_rate"], response.json()["outcome"]) == ("0.5000", "pass")
    client.force_login(cast.viewer)
    assert client.post(reverse("quality-audit-list"), {}, content_type="application/json").status_code == 403
    client.force_login(cast.vendor_x_admin)
    assert client.get(reverse("quality-audit-list")).status_code == 403
    assert date(2026, 1, 31)  # the audit counts in January's scorecard (period_end)


def test_staff_home_counts_proposals_to_assign(cast, client):
    from tests.risk.test_register import make_risk

    make_risk(cast)  # the risk panel shows once the user sees a risk
    audit(cast, standard(cast), defects=50)
    client.force_login(cast.manager)
    page = client.get(reverse("core:home")).content.decode()
    assert 'data-testid="home-actions-proposed">1<' in page


def test_scorecard_page_offers_no_hand_score_for_audited_quality(cast, client):
    from performance.scorecards.services import scorecard_draft

    from .scorecard_helpers import finalized_period, template

    period = finalized_period(cast, states=("met",))
    audit(cast, standard(cast), contract=period.contract, defects=0)
    template(criteria=[("Service levels", "sla_attainment", 50), ("Quality", "quality", 50)])
    card, _ = scorecard_draft(period=period, by=cast.manager)
    client.force_login(cast.manager)
    page = client.get(reverse("performance:scorecard_detail", args=[card.pk])).content.decode()
    quality_row = page.split('data-testid="line-quality"')[1].split("</tr>")[0]
    assert "1 of 1 quality audits passed" in quality_row and 'name="score"' not in quality_row


def _quality_rows(cast, n):
    from performance.quality import services

    std = standard(cast, process=f"Process {n}")
    for i in range(n):
        audit(cast, std, defects=i % 2)
        services.review_create(
            by=cast.manager,
            program=cast.program_a,
            contract=contract_of_a(cast),
            title=f"Review {n}-{i}",
            period_start=date(2026, 1, 1),
            period_end=date(2026, 1, 31),
            held_on=date(2026, 2, 1),
            rating="satisfactory",
        )


def test_quality_lists_and_endpoints_keep_their_query_counts(cast, client):
    names = [
        "performance:quality_standard_list",
        "performance:quality_audit_list",
        "performance:quality_review_list",
        "quality-standard-list",
        "quality-audit-list",
        "quality-review-list",
    ]
    _quality_rows(cast, 2)
    client.force_login(cast.contributor)
    few = {}
    for name in names:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse(name)).status_code == 200
        few[name] = len(ctx)
    for n in (3, 4, 5):
        _quality_rows(cast, n)
    for name in names:
        with CaptureQueriesContext(connection) as ctx:
            client.get(reverse(name))
        assert len(ctx) == few[name], name
