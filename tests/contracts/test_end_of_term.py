"""The daily end-of-term job: expiry, automatic renewal, once, with the managers told."""

from datetime import date

from django.urls import reverse

from bpo.core.models import Notification
from contracts.models import Contract
from contracts.services import contracts_close_or_renew
from contracts.services.lifecycle import add_months
from contracts.tasks import contracts_end_of_term

from .factories import ContractFactory


def _contract(cast, **kwargs):
    defaults = {
        "program": cast.program_a,
        "vendor": cast.vendor_x,
        "status": "active",
        "terms_version": 1,
        "start_date": date(2025, 1, 1),
        "end_date": date(2025, 12, 31),
    }
    return ContractFactory(**{**defaults, **kwargs})


def test_past_end_date_expires_once_and_tells_the_managers(cast, client):
    contract = _contract(cast)
    running = _contract(cast, end_date=date(2026, 6, 30))
    draft = _contract(cast, status="draft")
    assert contracts_close_or_renew(today=date(2026, 1, 1)) == {"expired": 1, "renewed": 0}
    assert contracts_close_or_renew(today=date(2026, 1, 2)) == {"expired": 0, "renewed": 0}
    contract.refresh_from_db()
    assert (contract.status, contract.expired_on) == ("expired", date(2026, 1, 1))
    assert Contract.objects.get(pk=running.pk).status == "active"
    assert Contract.objects.get(pk=draft.pk).status == "draft"
    notes = Notification.objects.filter(event_key__startswith=f"contract:{contract.pk}:expired:")
    assert list(notes.values_list("recipient", flat=True)) == [cast.manager.pk]
    client.force_login(cast.manager)
    page = client.get(reverse("contracts:contract_detail", args=[contract.pk])).content.decode()
    assert "Expired automatically on 2026-01-01" in page


def test_auto_renewal_extends_the_term_once_per_term(cast, client):
    contract = _contract(cast, auto_renewal=True, renewal_term_months=12, status="signed")
    contracts_end_of_term.apply()  # the beat task, today being long after 2025
    contract.refresh_from_db()
    assert contract.status == "signed" and contract.end_date >= date.today()
    assert contract.renewal_count == (contract.end_date.year - 2025)
    again = contracts_close_or_renew()
    assert again == {"expired": 0, "renewed": 0}
    keys = set(Notification.objects.filter(recipient=cast.manager).values_list("event_key", flat=True))
    assert f"contract:{contract.pk}:renewed:2025-12-31" in keys
    client.force_login(cast.manager)
    page = client.get(reverse("contracts:contract_detail", args=[contract.pk])).content.decode()
    assert "renewed automatically" in page


def test_one_renewal_when_the_job_runs_on_time(cast):
    contract = _contract(cast, auto_renewal=True, renewal_term_months=6, end_date=date(2026, 2, 28))
    assert contracts_close_or_renew(today=date(2026, 3, 1)) == {"expired": 0, "renewed": 1}
    contract.refresh_from_db()
    assert (contract.status, contract.end_date, contract.renewal_count) == ("active", date(2026, 8, 28), 1)
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)


def test_the_vendor_sees_the_renewal_in_the_portal(cast, client):
    contract = _contract(cast, auto_renewal=True, renewal_term_months=6, end_date=date(2026, 2, 28))
    contracts_close_or_renew(today=date(2026, 3, 1))
    client.force_login(cast.vendor_x_admin)
    page = client.get(reverse("portal:contract_detail", args=[contract.pk])).content.decode()
    assert "Yes, for 6 months at a time" in page and "renewed automatically once, last on 2026-03-01" in page
