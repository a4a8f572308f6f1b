"""The service-level dashboard (staff and portal), running the engine from it, reopening, credits and the job."""

from datetime import date
from decimal import Decimal

from django.urls import reverse

from performance import tasks
from performance.models import Credit, Period
from tests.contracts.factories import ContractFactory

from .helpers import at, level, samples


def _breaching_contract(cast, vendor=None, program=None):
    contract = ContractFactory(
        program=program or cast.program_a, vendor=vendor or cast.vendor_x, status="active", terms_version=1
    )
    sl = level(contract, "ASA20", measure="percent_within", threshold=20, expected=80, minimum=75, allocation_pct=40)
    samples(sl, [10] * 18 + [99] * 7)  # 72%
    return contract


def test_staff_run_the_engine_from_the_dashboard_and_see_the_credit(cast, client):
    contract = _breaching_contract(cast)
    client.force_login(cast.contributor)
    response = client.post(reverse("performance:evaluate", args=[contract.pk]))
    assert response.status_code == 302
    credit = Credit.objects.get()
    assert credit.amount == Decimal("4000.00")
    page = client.get(reverse("performance:dashboard", args=[contract.pk])).content.decode()
    assert "4,000.00" in page and "<svg" in page
    client.force_login(cast.viewer)
    assert client.post(reverse("performance:evaluate", args=[contract.pk])).status_code == 403


def test_finance_sees_every_credit_and_exports_them(cast, client):
    contract = _breaching_contract(cast)
    other = _breaching_contract(cast, vendor=cast.vendor_y, program=cast.program_b)
    tasks.evaluate_service_levels.delay()
    assert Credit.objects.count() == 2
    client.force_login(cast.finance)
    page = client.get(reverse("performance:credit_list")).content.decode()
    assert contract.number in page and other.number in page
    export = client.get(reverse("performance:credit_list") + "?export=csv&status=applied")
    assert export.status_code == 200
    assert client.get("/api/v1/credits/").json()["count"] == 2
    client.force_login(cast.contributor)
    assert client.get("/api/v1/credits/").json()["count"] == 1


def test_vendor_sees_only_its_own_results_and_credits(cast, client):
    mine = _breaching_contract(cast)
    theirs = _breaching_contract(cast, vendor=cast.vendor_y, program=cast.program_b)
    tasks.evaluate_service_levels.delay()
    client.force_login(cast.vendor_x_user)
    page = client.get(reverse("portal:performance_dashboard", args=[mine.pk]))
    assert page.status_code == 200 and "4,000.00" in page.content.decode()
    assert "Reopen" not in page.content.decode() and "Evaluate now" not in page.content.decode()
    assert client.get(reverse("portal:performance_dashboard", args=[theirs.pk])).status_code == 404
    credits = client.get("/api/v1/credits/").json()
    assert [c["contract"] for c in credits["results"]] == [mine.pk]
    results = client.get("/api/v1/sla-results/").json()
    assert {r["contract"] for r in results["results"]} == {mine.pk}
    other_credit = Credit.objects.get(period__contract=theirs)
    assert client.get(f"/api/v1/credits/{other_credit.pk}/").status_code == 404


def test_manager_reopens_a_finalized_period_from_the_dashboard(cast, client):
    contract = _breaching_contract(cast)
    from performance.services import contract_run

    contract_run(contract_id=contract.pk, now=at(2026, 2, 10))
    jan = Period.objects.get(start=date(2026, 1, 1))
    assert jan.status == "finalized"
    client.force_login(cast.contributor)
    assert client.post(reverse("performance:period_reopen", args=[jan.pk]), {"reason": "x"}).status_code == 403
    client.force_login(cast.manager)
    client.post(reverse("performance:period_reopen", args=[jan.pk]), {"reason": ""})
    jan.refresh_from_db()
    assert jan.status == "finalized"  # a reason is required
    client.post(reverse("performance:period_reopen", args=[jan.pk]), {"reason": "Disputed data"})
    jan.refresh_from_db()
    assert jan.status == "provisional"
    assert jan.reopenings.get().by == cast.manager


def test_early_warning_for_a_provisional_breach(cast, client, django_capture_on_commit_callbacks):
    contract = _breaching_contract(cast)
    from bpo.core.models import Notification
    from performance.services import contract_run

    with django_capture_on_commit_callbacks(execute=True):
        contract_run(contract_id=contract.pk, now=at(2026, 1, 20))
    with django_capture_on_commit_callbacks(execute=True):
        contract_run(contract_id=contract.pk, now=at(2026, 1, 21))
    assert Notification.objects.filter(recipient=cast.manager, title__contains="breaching").count() == 1
    client.force_login(cast.manager)
    page = client.get(reverse("performance:dashboard", args=[contract.pk])).content.decode()
    assert "Early warnings" in page
