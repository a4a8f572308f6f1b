"""A published scorecard back in review (its period's results changed) is read by its vendor as it
was published: the total, band and each criterion's score as last published, with a note that it
is being reviewed again, on the portal pages, the portal export and the API (filters included);
never the recomputed figures still under review. Staff read the current figures and the flag, and
their exports (the scorecards list as CSV/XLSX, the vendor performance PDF) mark it out of date.

Gap found after "scorecards follow re-evaluated results": the vendor's portal and API showed the
recomputed total (32.00, Unsatisfactory) of a scorecard published at 92.00, Excellent, before
anyone reviewed it; the staff exports did not say it was out of date."""

import csv
import io
from decimal import Decimal as D

from django.apps import apps
from openpyxl import load_workbook

from bpo.reports import services as reports
from performance.models import Scorecard
from performance.scorecards import services
from tests.reports.conftest import pdf_text

from .test_scorecard_follows_results import _breach_after_reopening, _final_january, _published_card

NOTE = "It is being reviewed again and will be published anew"


def _reviewed_again(cast, capture):
    """Published at 92.00 Excellent (SLA 100, Innovation 80), then January breaches: back in review,
    recomputed to 32.00 Unsatisfactory (SLA 0)."""
    contract, sl, jan = _final_january(cast)
    card = _published_card(cast, jan, capture)
    _breach_after_reopening(cast, contract, sl, jan, capture)
    card.refresh_from_db()
    assert card.status == "in_review" and card.is_outdated and card.total == D("32.00")
    return card


def _csv(response):
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))


def _xlsx(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return [list(row) for row in load_workbook(io.BytesIO(content), read_only=True).active.iter_rows(values_only=True)]


def test_the_vendor_reads_the_figures_as_published_staff_the_current_ones(
    cast, client, django_capture_on_commit_callbacks
):
    card = _reviewed_again(cast, django_capture_on_commit_callbacks)
    client.force_login(cast.vendor_x_admin)

    html = client.get(f"/portal/scorecards/{card.pk}/").content.decode()
    assert 'data-testid="total">92.00<' in html and "Excellent" in html
    assert "32.00" not in html and "Unsatisfactory" not in html
    assert NOTE in html and "figures published on" in html
    assert "now 0.00" not in html  # staff's note names the recomputed attainment; the vendor's does not
    sla = html.split('data-testid="line-sla_attainment"')[1].split("</tr>")[0]
    assert 'data-testid="score">100.00<' in sla and "1 of 1 results with enough data" in sla

    listing = client.get("/portal/scorecards/").content.decode()
    assert "<td>92.00 " in listing and "32.00" not in listing and "Excellent" in listing

    rows = _csv(client.get("/portal/scorecards/?export=csv"))
    header, row = rows[0], rows[1]
    assert row[header.index("Total")] == "92.00" and row[header.index("Band")] == "excellent"
    assert NOTE in row[header.index("Out of date")]

    api = client.get(f"/api/v1/scorecards/{card.pk}/").json()
    assert (api["total"], api["band"]) == ("92.00", "excellent")
    assert {line["name"]: line["score"] for line in api["lines"]} == {"Service levels": "100.00", "Innovation": "80.00"}
    assert NOTE in api["outdated_note"] and "now 0.00" not in api["outdated_note"]
    assert client.get("/api/v1/scorecards/").json()["results"][0]["total"] == "92.00"
    # Filters read the published band too: asking for the recomputed one would tell it.
    assert client.get("/api/v1/scorecards/?band=unsatisfactory").json()["count"] == 0
    assert client.get("/api/v1/scorecards/?band=excellent").json()["count"] == 1
    assert client.get("/api/v1/scorecards/?ordering=-total").json()["results"][0]["total"] == "92.00"

    # Staff read the current figures and the flag.
    client.force_login(cast.manager)
    html = client.get(f"/scorecards/{card.pk}/").content.decode()
    assert 'data-testid="total">32.00<' in html and "SLA attainment was 100.00, now 0.00" in html
    api = client.get(f"/api/v1/scorecards/{card.pk}/").json()
    assert api["total"] == "32.00" and api["band"] == "unsatisfactory" and "now 0.00" in api["outdated_note"]
    assert client.get("/api/v1/scorecards/?band=unsatisfactory").json()["count"] == 1


def test_the_vendor_keeps_the_published_figures_while_staff_rescore_and_reads_the_new_ones_once_published(
    cast, client, django_capture_on_commit_callbacks
):
    card = _reviewed_again(cast, django_capture_on_commit_callbacks)
    services.scorecard_return_to_draft(scorecard=card, by=cast.manager)
    services.scorecard_score_line(line=card.lines.get(kind="manual"), by=cast.manager, score=D("50"))
    card.refresh_from_db()
    assert card.status == "draft" and card.total == D("20.00")  # (60 x 0 + 40 x 50) / 100
    client.force_login(cast.vendor_x_admin)
    api = client.get(f"/api/v1/scorecards/{card.pk}/").json()
    assert api["total"] == "92.00" and {line["score"] for line in api["lines"]} == {"100.00", "80.00"}
    assert 'data-testid="total">92.00<' in client.get(f"/portal/scorecards/{card.pk}/").content.decode()

    services.scorecard_submit(scorecard=card, by=cast.manager)
    with django_capture_on_commit_callbacks(execute=True):
        services.scorecard_publish(scorecard=card, by=cast.manager)
    api = client.get(f"/api/v1/scorecards/{card.pk}/").json()
    assert api["status"] == "published" and api["total"] == "20.00" and api["outdated_note"] == ""
    html = client.get(f"/portal/scorecards/{card.pk}/").content.decode()
    assert 'data-testid="total">20.00<' in html and NOTE not in html
    card.refresh_from_db()
    assert card.published_total == D("20.00") and card.published_band == "unsatisfactory"


def test_a_correction_made_while_published_is_what_the_vendor_keeps(cast, client, django_capture_on_commit_callbacks):
    contract, sl, jan = _final_january(cast)
    card = _published_card(cast, jan, django_capture_on_commit_callbacks)
    dispute = services.scorecard_dispute(line=card.lines.get(kind="manual"), by=cast.vendor_x_admin, reason="Pilot")
    services.scorecard_resolve_dispute(dispute=dispute, by=cast.manager, accept=True, corrected_score=D("90"))
    _breach_after_reopening(cast, contract, sl, jan, django_capture_on_commit_callbacks)
    client.force_login(cast.vendor_x_admin)
    api = client.get(f"/api/v1/scorecards/{card.pk}/").json()
    assert api["total"] == "96.00"  # (60 x 100 + 40 x 90) / 100, as the vendor read it before
    innovation = next(line for line in api["lines"] if line["name"] == "Innovation")
    assert (innovation["score"], innovation["original_score"]) == ("90.00", "80.00")


def test_without_figures_kept_the_vendor_reads_the_note_alone(cast, client, django_capture_on_commit_callbacks):
    card = _reviewed_again(cast, django_capture_on_commit_callbacks)
    # A scorecard already back in review when the figures as published began to be kept (the
    # migration keeps none for it: its lines were already recomputed).
    Scorecard.objects.filter(pk=card.pk).update(published_total=None, published_band="", published_lines={})
    client.force_login(cast.vendor_x_admin)
    html = client.get(f"/portal/scorecards/{card.pk}/").content.decode()
    assert "its figures are shown once it is" in html and "32.00" not in html and "Service levels" not in html
    api = client.get(f"/api/v1/scorecards/{card.pk}/").json()
    assert api["total"] is None and api["lines"] == [] and api["band"] == ""


def test_the_migration_keeps_the_figures_of_published_scorecards(cast, django_capture_on_commit_callbacks):
    from importlib import import_module

    migration = import_module("performance.migrations.0009_scorecard_published_figures")
    contract, sl, jan = _final_january(cast)
    card = _published_card(cast, jan, django_capture_on_commit_callbacks)
    Scorecard.objects.filter(pk=card.pk).update(published_total=None, published_band="", published_lines={})
    migration.keep_published_figures(apps, None)
    card.refresh_from_db()
    assert (card.published_total, card.published_band) == (D("92.00"), "excellent")
    sla = card.lines.get(kind="sla_attainment")
    assert card.published_lines[str(sla.pk)] == {
        "score": "100.00",
        "original_score": None,
        "basis": "",
        "basis_values": {"counted": 1, "total": 1},
    }


def test_staff_exports_mark_the_scorecard_out_of_date(cast, client, django_capture_on_commit_callbacks):
    _reviewed_again(cast, django_capture_on_commit_callbacks)
    client.force_login(cast.manager)
    rows = _csv(client.get("/scorecards/?export=csv"))
    header, row = rows[0], rows[1]
    assert row[header.index("Total")] == "32.00"
    flag = row[header.index("Out of date")]
    assert flag.startswith("Out of date since 2026-") and flag.endswith(": back in review")
    sheet = _xlsx(client.get("/scorecards/?export=xlsx"))
    assert sheet[1][sheet[0].index("Out of date")] == flag

    cast.manager.language = "zh-hans"
    cast.manager.save(update_fields=["language"])
    client.force_login(cast.manager)
    rows = _csv(client.get("/scorecards/?export=csv"))
    assert "已过期" in rows[1][-1] and "重新审核" in rows[1][-1]

    with django_capture_on_commit_callbacks(execute=True):
        report = reports.report_request(by=cast.manager, kind="vendor_performance", language="en", vendor=cast.vendor_x)
    report.refresh_from_db()
    assert report.status == "done", report.error
    text = pdf_text(report)
    assert "Out of date since" in text and "back in review" in text and "32.00" in text
