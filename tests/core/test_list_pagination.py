"""List pages count their rows up to LIST_COUNT_CAP: past it they say "more than N results" and
their pages go on; asking for the last counted page counts them all."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bpo.core.lists import CappedPaginator
from risk.models import Risk

pytestmark = pytest.mark.django_db


@pytest.fixture
def sixty_risks(cast):
    Risk.objects.bulk_create(
        Risk(program=cast.program_a, title=f"Risk {i:02d}", category="operational", event="e") for i in range(60)
    )
    return cast


def test_a_list_past_the_cap_says_more_than_and_goes_on(client, sixty_risks, settings):
    settings.LIST_COUNT_CAP = 30
    client.force_login(sixty_risks.manager)
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/risk/risks/").content.decode()
    assert "More than 30 results" in page
    assert "Page 1 of more than 1" in page
    assert 'rel="next"' in page
    counts = [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"] and "risk_risk" in q["sql"]]
    assert len(counts) == 1 and "LIMIT 31" in counts[0] and "ORDER BY" not in counts[0]


def test_the_last_counted_page_counts_every_row(client, sixty_risks, settings):
    settings.LIST_COUNT_CAP = 30
    client.force_login(sixty_risks.manager)
    page = client.get("/risk/risks/?page=2").content.decode()
    assert "60 results" in page and "More than" not in page
    assert "Page 2 of 3" in page
    last = client.get("/risk/risks/?page=99").content.decode()  # past the end: the real last page
    assert "Page 3 of 3" in last and 'rel="next"' not in last


def test_under_the_cap_the_count_is_exact(client, sixty_risks, settings):
    settings.LIST_COUNT_CAP = 100
    client.force_login(sixty_risks.manager)
    page = client.get("/risk/risks/").content.decode()
    assert "60 results" in page and "Page 1 of 3" in page


def test_the_cap_in_chinese(client, sixty_risks, settings):
    settings.LIST_COUNT_CAP = 30
    sixty_risks.manager.language = "zh-hans"
    sixty_risks.manager.save(update_fields=["language"])
    client.force_login(sixty_risks.manager)
    page = client.get("/risk/risks/").content.decode()
    assert "超过 30 条结果" in page and "第 1 页，共超过 1 页" in page


def test_a_capped_paginator_on_a_list_or_without_cap_counts_everything(sixty_risks):
    assert CappedPaginator(list(range(70)), 25, cap=30).count == 70  # not a queryset
    paginator = CappedPaginator(Risk.objects.all(), 25, cap=0)
    assert (paginator.count, paginator.capped) == (60, False)
    capped = CappedPaginator(Risk.objects.order_by("title"), 25, cap=30)
    assert (capped.count, capped.capped, capped.capped_pages) == (31, True, 1)
    assert [r.title for r in capped.get_page(1).object_list][:2] == ["Risk 00", "Risk 01"]


def test_page_last_is_the_real_last_page(client, sixty_risks, settings):
    for cap in (30, 100):
        settings.LIST_COUNT_CAP = cap
        client.force_login(sixty_risks.manager)
        page = client.get("/risk/risks/?page=last").content.decode()
        assert "Page 3 of 3" in page and "60 results" in page


def test_list_pages_show_their_title(client, cast):
    client.force_login(cast.manager)
    for url, title in (("/invoices/", "Invoices"), ("/tasks/", "Tasks"), ("/status-reports/", "Status reports")):
        page = client.get(url).content.decode()
        assert f"<h1>{title}</h1>" in page or f"<h1>{title}" in page, url
        assert f"<title>{title} ·" in page, url


def test_a_yes_no_filter_offers_any_yes_and_no(client, sixty_risks):
    client.force_login(sixty_risks.manager)
    page = client.get("/risk/risks/").content.decode()
    assert '<option value="unknown" selected>Any</option><option value="true">Yes</option>' in page
    assert len(client.get("/risk/risks/?assessed=unknown").context["page"].object_list) == 25


def test_the_api_counts_up_to_the_cap_and_pages_on_to_the_end(client, sixty_risks, settings):
    """The API's count is capped like the pages' (an exact count of 200,000 tasks cost 10-50 ms on
    every call): `count_capped` says there are more, `next` goes on, the end counts every row."""
    settings.LIST_COUNT_CAP = 30
    client.force_login(sixty_risks.manager)
    with CaptureQueriesContext(connection) as queries:
        first = client.get("/api/v1/risks/").json()
    assert (first["count"], first["count_capped"], len(first["results"])) == (30, True, 25)
    assert first["next"].endswith("/api/v1/risks/?page=2")
    counts = [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"] and "risk_risk" in q["sql"]]
    assert len(counts) == 1 and "LIMIT 31" in counts[0]
    second = client.get(first["next"]).json()  # past the counted rows: counted exactly
    assert (second["count"], second["count_capped"], len(second["results"])) == (60, False, 25)
    last = client.get("/api/v1/risks/?page=last").json()
    assert (last["count"], last["count_capped"], len(last["results"]), last["next"]) == (60, False, 10, None)
    assert client.get("/api/v1/risks/?page=99").status_code == 404
    seen = {r["id"] for page in (first, second, last) for r in page["results"]}
    assert len(seen) == 60


def test_under_the_cap_the_api_count_is_exact(client, sixty_risks, settings):
    settings.LIST_COUNT_CAP = 100
    client.force_login(sixty_risks.manager)
    body = client.get("/api/v1/risks/").json()
    assert (body["count"], body["count_capped"]) == (60, False)


def test_the_schema_describes_count_capped():
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    paged = schema["components"]["schemas"]["PaginatedRiskList"]
    assert paged["required"] == ["count", "count_capped", "results"]
    assert paged["properties"]["count_capped"]["type"] == "boolean"
