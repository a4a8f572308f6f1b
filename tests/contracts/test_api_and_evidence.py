"""Obligations, change requests and disputes through the API; the vendor records obligation evidence."""

from datetime import date

from django.urls import reverse

from contracts.models import ChangeRequest, Dispute, Obligation

from .factories import ContractFactory


def test_vendor_raises_change_and_dispute_through_the_api_only_on_its_contracts(cast, client):
    mine = ContractFactory(program=cast.program_a, vendor=cast.vendor_x, status="active", terms_version=1)
    theirs = ContractFactory(program=cast.program_b, vendor=cast.vendor_y, status="active", terms_version=1)
    client.force_login(cast.vendor_x_admin)
    created = client.post(
        "/api/v1/change-requests/",
        {
            "contract": mine.pk,
            "title": "Holiday cover",
            "description": "d",
            "proposed_terms": {"monthly_fee": "105000"},
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    bad = client.post(
        "/api/v1/change-requests/",
        {"contract": mine.pk, "title": "x", "description": "d", "proposed_terms": {"colour": "red"}},
        content_type="application/json",
    )
    assert bad.status_code == 400
    other = client.post(
        "/api/v1/disputes/", {"contract": theirs.pk, "title": "x", "description": "d"}, content_type="application/json"
    )
    # Another vendor's contract answers as a missing one: 400 on `contract` (bpo.core.api).
    missing = client.post(
        "/api/v1/disputes/", {"contract": 999999, "title": "x", "description": "d"}, content_type="application/json"
    )
    assert other.status_code == missing.status_code == 400
    assert [e["attr"] for e in other.json()["errors"]] == [e["attr"] for e in missing.json()["errors"]] == ["contract"]
    ok = client.post(
        "/api/v1/disputes/",
        {"contract": mine.pk, "title": "Late payment", "description": "d"},
        content_type="application/json",
    )
    assert ok.status_code == 201 and ok.json()["level"] == 1
    assert ChangeRequest.objects.count() == 1 and Dispute.objects.count() == 1
    assert client.get("/api/v1/obligations/").json()["count"] == 0
    denied = client.post(
        "/api/v1/obligations/",
        {"contract": mine.pk, "party": "vendor", "category": "reporting", "title": "t", "due_date": "2026-03-01"},
        content_type="application/json",
    )
    assert denied.status_code == 403


def test_manager_adds_obligations_through_the_api(cast, client):
    contract = ContractFactory(program=cast.program_a, vendor=cast.vendor_x, status="active")
    client.force_login(cast.manager)
    response = client.post(
        "/api/v1/obligations/",
        {
            "contract": contract.pk,
            "party": "vendor",
            "category": "reporting",
            "title": "Monthly report",
            "due_date": "2026-03-05",
            "recurrence": "monthly",
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    client.force_login(cast.viewer)
    assert client.get("/api/v1/obligations/").json()["count"] == 1
    patch = client.patch(
        f"/api/v1/obligations/{response.json()['id']}/", {"title": "x"}, content_type="application/json"
    )
    assert patch.status_code == 403


def test_vendor_records_evidence_of_its_own_obligation_in_the_portal(cast, client):
    contract = ContractFactory(program=cast.program_a, vendor=cast.vendor_x, status="active")
    report = Obligation.objects.create(
        contract=contract,
        party="vendor",
        category="reporting",
        title="Monthly report",
        due_date=date(2026, 3, 5),
        recurrence="monthly",
    )
    audit = Obligation.objects.create(
        contract=contract, party="client", category="right", title="Audit right", due_date=date(2026, 3, 5)
    )
    client.force_login(cast.vendor_x_user)
    page = client.get(reverse("portal:contract_detail", args=[contract.pk])).content.decode()
    assert "Mark done" in page
    client.post(reverse("portal:obligation_evidence", args=[report.pk]), {"evidence": "Report-2026-02.pdf sent"})
    report.refresh_from_db()
    assert (report.evidence, report.status, report.due_date) == ("Report-2026-02.pdf sent", "open", date(2026, 4, 5))
    client.post(reverse("portal:obligation_evidence", args=[audit.pk]), {"evidence": "x"})
    audit.refresh_from_db()
    assert audit.status == "open" and audit.evidence == ""  # the client's obligation is not the vendor's to close
    client.force_login(cast.vendor_y_admin)
    assert client.post(reverse("portal:obligation_evidence", args=[report.pk]), {"evidence": "x"}).status_code == 404
