"""The risk API: the register's FilterSet, writes through the services, assessment as an action."""

from django.urls import reverse

from .test_register import make_risk


def test_create_and_assess_through_the_api(cast, client):
    client.force_login(cast.contributor)
    body = {"program": cast.program_a.pk, "title": "API risk", "category": "legal", "event": "Fine"}
    # Scores are set by the assessment: sent with the risk they are refused (they were dropped).
    scored = client.post(reverse("risk-list"), {**body, "inherent_likelihood": 5}, content_type="application/json")
    assert scored.status_code == 400
    assert [(e["code"], e["attr"]) for e in scored.json()["errors"]] == [("read_only", "inherent_likelihood")]
    created = client.post(reverse("risk-list"), body, content_type="application/json")
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["inherent_likelihood"] is None and body["reference"].startswith("R-")
    url = reverse("risk-assess", args=[body["id"]])
    bad = client.post(
        url,
        {"inherent_likelihood": 1, "inherent_impact": 1, "residual_likelihood": 2, "residual_impact": 2},
        content_type="application/json",
    )
    assert bad.status_code == 400 and bad.json()["type"] == "validation_error"
    ok = client.post(
        url,
        {"inherent_likelihood": 4, "inherent_impact": 5, "residual_likelihood": 2, "residual_impact": 3},
        content_type="application/json",
    )
    assert ok.status_code == 201
    assert ok.json()["inherent_level"] == "critical" and ok.json()["residual_score"] == 6
    listed = client.get(reverse("risk-list"), {"residual_level": "medium"}).json()
    assert [r["title"] for r in listed["results"]] == ["API risk"]
    history = client.get(reverse("risk-review-list"), {"risk": body["id"]}).json()
    assert history["count"] == 1


def test_viewer_reads_but_cannot_assess_and_outsider_gets_404(cast, client):
    risk = make_risk(cast)
    payload = {"inherent_likelihood": 1, "inherent_impact": 1, "residual_likelihood": 1, "residual_impact": 1}
    client.force_login(cast.viewer)
    assert client.get(reverse("risk-detail", args=[risk.pk])).status_code == 200
    assert (
        client.post(reverse("risk-assess", args=[risk.pk]), payload, content_type="application/json").status_code == 403
    )
    assert (
        client.patch(
            reverse("risk-detail", args=[risk.pk]), {"title": "x"}, content_type="application/json"
        ).status_code
        == 403
    )
    client.force_login(cast.outsider)
    assert client.get(reverse("risk-detail", args=[risk.pk])).status_code == 404
    assert (
        client.post(reverse("risk-assess", args=[risk.pk]), payload, content_type="application/json").status_code == 404
    )


def test_risk_endpoint_query_count_does_not_grow_with_rows(cast, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(cast.manager)
    for _ in range(5):
        make_risk(cast, vendor=cast.vendor_x)
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse("risk-list")).status_code == 200
    for _ in range(40):
        make_risk(cast, owner=cast.contributor)
    with CaptureQueriesContext(connection) as many:
        assert client.get(reverse("risk-list"), {"page_size": 200}).status_code == 200
    assert len(many) == len(few)
