"""Scorecard pages: the staff list/export and review actions, the portal's read-only view and dispute."""

from django.urls import reverse

from performance.models import Scorecard, ScorecardDispute
from performance.scorecards import services

from .scorecard_helpers import finalized_period, template


def _card(cast):
    template()
    card, _ = services.scorecard_draft(period=finalized_period(cast), by=cast.manager)
    return card


def test_manager_reviews_and_publishes_from_the_page(cast, client):
    card = _card(cast)
    url = reverse("performance:scorecard_review", args=[card.pk])
    client.force_login(cast.manager)
    client.post(url, {"action": "reviewers", "reviewers": [cast.manager.pk, cast.contributor.pk]})
    client.post(url, {"action": "rate", "rating": "3", "comment": "Secret reviewer remark"})
    manual = card.lines.get(kind="manual")
    client.post(url, {"action": "score", "line": manual.pk, "score": "70", "note": "Internal budget note"})
    client.post(url, {"action": "submit"})
    client.post(url, {"action": "publish"})
    card.refresh_from_db()
    assert card.status == "published"
    page = client.get(reverse("performance:scorecard_detail", args=[card.pk])).content.decode()
    assert "Secret reviewer remark" in page and "Internal budget note" in page
    client.force_login(cast.vendor_x_admin)
    portal = client.get(reverse("portal:scorecard_detail", args=[card.pk])).content.decode()
    assert str(card.total) in portal
    assert "Secret reviewer remark" not in portal and "Internal budget note" not in portal
    api = client.get(f"/api/v1/scorecards/{card.pk}/").content.decode()
    assert "Secret reviewer remark" not in api and "Internal budget note" not in api


def test_contributor_cannot_publish(cast, client):
    card = _card(cast)
    client.force_login(cast.contributor)
    client.post(reverse("performance:scorecard_review", args=[card.pk]), {"action": "submit"})
    card.refresh_from_db()
    assert card.status == "draft"


def test_staff_list_filters_and_exports(cast, client):
    card = _card(cast)
    client.force_login(cast.viewer)
    page = client.get(reverse("performance:scorecard_list") + "?status=draft").content.decode()
    assert card.contract.number in page
    export = client.get(reverse("performance:scorecard_list") + "?export=csv")
    assert export.status_code == 200 and card.contract.number in b"".join(export.streaming_content).decode()
    client.force_login(cast.outsider)
    assert card.contract.number not in client.get(reverse("performance:scorecard_list")).content.decode()


def test_vendor_disputes_and_acknowledges_in_the_portal(cast, client):
    card = _card(cast)
    Scorecard.objects.filter(pk=card.pk).update(status="published")
    line = card.lines.get(kind="sla_attainment")
    client.force_login(cast.vendor_x_user)
    assert client.get(reverse("portal:scorecard_list")).status_code == 200
    client.post(reverse("portal:scorecard_dispute", args=[card.pk]), {"line": line.pk, "reason": "Excused"})
    refused = client.post(reverse("portal:scorecard_acknowledge", args=[card.pk]), follow=True).content.decode()
    assert "still open" in refused and "Scorecard acknowledged." not in refused
    assert ScorecardDispute.objects.get().reason == "Excused"
    card.refresh_from_db()
    assert card.acknowledged_at is None
    client.force_login(cast.manager)
    dispute = ScorecardDispute.objects.get()
    client.post(
        reverse("performance:dispute_resolve", args=[dispute.pk]),
        {"decision": "accept", "corrected_score": "90", "resolution": "ok"},
    )
    line.refresh_from_db()
    assert line.score == 90 and line.original_score == 50
    client.force_login(cast.vendor_x_user)
    done = client.post(reverse("portal:scorecard_acknowledge", args=[card.pk]), follow=True).content.decode()
    assert "Scorecard acknowledged." in done
    card.refresh_from_db()
    assert card.acknowledged_by == cast.vendor_x_user


def test_template_admin_refuses_weights_not_summing_to_100(cast, client):
    client.force_login(cast.admin)
    url = reverse("admin:performance_scorecardtemplate_add")
    data = {
        "name": "T",
        "is_active": "on",
        "band_excellent": "85",
        "band_good": "70",
        "band_needs_improvement": "50",
        "criteria-TOTAL_FORMS": "2",
        "criteria-INITIAL_FORMS": "0",
        "criteria-0-name": "SLA",
        "criteria-0-kind": "sla_attainment",
        "criteria-0-weight": "60",
        "criteria-0-order": "0",
        "criteria-1-name": "Manual",
        "criteria-1-kind": "manual",
        "criteria-1-weight": "30",
        "criteria-1-order": "1",
    }
    assert client.post(url, data).status_code == 200  # the form again, with the error
    data["criteria-1-weight"] = "40"
    assert client.post(url, data).status_code == 302


def test_list_and_api_query_counts_do_not_grow_with_rows(cast, client, django_assert_max_num_queries):
    from datetime import date

    from performance.models import Period

    card = _card(cast)
    client.force_login(cast.manager)
    with django_assert_max_num_queries(40) as few:
        client.get(reverse("performance:scorecard_list"))
    small = len(few.captured_queries)
    for month in range(2, 8):
        period = Period.objects.create(
            contract=card.contract,
            kind="monthly",
            start=date(2026, month, 1),
            end=date(2026, month + 1, 1),
            status="finalized",  # only a finalized period has a scorecard
        )
        services.scorecard_draft(period=period, by=cast.manager)
    with django_assert_max_num_queries(small) as many:
        client.get(reverse("performance:scorecard_list"))
    with django_assert_max_num_queries(40) as api_few:
        client.get("/api/v1/scorecards/")
    assert len(many.captured_queries) == small and len(api_few.captured_queries) < 40
