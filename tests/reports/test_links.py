"""Pages link to the report about their record, prefilled."""

import pytest
from django.urls import reverse

from tests.contracts.factories import contract_of_a


@pytest.mark.django_db
def test_contract_and_heat_map_pages_link_to_their_report(cast, client):
    contract = contract_of_a(cast)
    client.force_login(cast.manager)
    page = client.get(reverse("contracts:contract_detail", args=[contract.pk])).content.decode()
    assert f"{reverse('reports:new')}?kind=contract_summary&amp;contract={contract.pk}" in page
    page = client.get(reverse("risk:heat_map") + f"?program={cast.program_a.pk}").content.decode()
    assert f"{reverse('reports:new')}?kind=risk_register&amp;program={cast.program_a.pk}" in page


@pytest.mark.django_db
def test_budget_and_vendor_pages_link_to_their_report(cast, client):
    client.force_login(cast.finance)
    page = client.get(reverse("delivery:program_budget", args=[cast.program_a.pk])).content.decode()
    assert f"{reverse('reports:new')}?kind=finance&amp;program={cast.program_a.pk}" in page
    page = client.get(reverse("vendors:vendor_detail", args=[cast.vendor_x.pk])).content.decode()
    assert f"{reverse('reports:new')}?kind=vendor_performance&amp;vendor={cast.vendor_x.pk}" in page
    # The program status report is the program's records (gates, milestones, risks): offered to who
    # reads them, not to finance outside its programs (bpo.core.scoping).
    status_link = f"{reverse('reports:new')}?kind=program_status&amp;program={cast.program_a.pk}"
    page = client.get(reverse("strategy:program_detail", args=[cast.program_a.pk])).content.decode()
    assert status_link not in page
    client.force_login(cast.manager)
    page = client.get(reverse("strategy:program_detail", args=[cast.program_a.pk])).content.decode()
    assert status_link in page


@pytest.mark.django_db
def test_my_reports_list_has_a_flat_query_count(cast, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bpo.reports.models import ReportRequest

    def add(n):
        for i in range(n):
            ReportRequest.objects.create(
                kind=["finance", "program_status", "contract_summary", "vendor_performance"][i % 4],
                program=cast.program_a if i % 4 in (0, 1) else None,
                contract=contract_of_a(cast) if i % 4 == 2 else None,
                vendor=cast.vendor_x if i % 4 == 3 else None,
                requested_by=cast.finance,
                status="done" if i % 2 else "queued",
            )

    client.force_login(cast.finance)
    add(4)
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse("reports:list")).status_code == 200
    add(20)
    with CaptureQueriesContext(connection) as many:
        assert client.get(reverse("reports:list")).status_code == 200
    assert len(many) == len(few)
