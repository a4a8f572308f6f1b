"""A withdrawn amendment's change request is `withdrawn`, its reason and the day it would have taken
effect stored as data, and its sentence is rendered in the reader's language. It was `rejected`
with "Withdrawn before it took effect on 2027-02-01: Budget not approved" stored in English, shown so
on the Chinese pages, and the portal labelled it 已驳回 (rejected) (user test). Rows withdrawn before
read back as data (migration 0014)."""

import importlib
from datetime import timedelta

import pytest
from django.apps import apps
from django.urls import reverse

from contracts import services
from contracts.models import ChangeRequest

REASON = "Budget not approved"


@pytest.fixture
def withdrawn(cast, today, signed_without_levels):
    change = services.change_request_create(
        contract=signed_without_levels,
        by=cast.contributor,
        title="Fee",
        description="d",
        proposed_terms={"monthly_fee": "150000"},
    )
    services.change_request_assess(change=change, by=cast.manager)
    services.change_request_decide(change=change, by=cast.manager, approve=True, effective_date=today + timedelta(40))
    return services.amendment_withdraw(change=change, by=cast.manager, reason=f"  {REASON} ")


def _page(client, user, url, language):
    user.language = language
    user.save(update_fields=["language"])
    client.force_login(user)
    client.cookies["django_language"] = language
    return client.get(url).content.decode()


def _decision(page):
    return page.split('data-testid="decision-text">')[1].split("<")[0]


def test_a_withdrawal_is_stored_as_data(withdrawn):
    change = ChangeRequest.objects.get(pk=withdrawn.pk)
    assert (change.status, change.decision_comments) == ("withdrawn", REASON)
    assert change.get_status_display() == "Withdrawn"


@pytest.mark.parametrize(
    ("language", "label", "sentence"),
    [
        ("en", "Withdrawn", "Withdrawn before it took effect on {day}: Budget not approved"),
        ("zh-hans", "已撤回", "在 {day} 生效之前撤回：Budget not approved"),
    ],
)
def test_the_pages_and_the_portal_say_withdrawn_in_the_readers_language(
    cast, client, withdrawn, language, label, sentence
):
    expected = sentence.format(day=withdrawn.effective_date.isoformat())
    staff = _page(client, cast.manager, reverse("contracts:change_detail", args=[withdrawn.pk]), language)
    assert _decision(staff) == expected and f'<span class="tag">{label}</span>' in staff
    portal = _page(
        client, cast.vendor_x_admin, reverse("portal:contract_detail", args=[withdrawn.contract_id]), language
    )
    assert _decision(portal) == expected and f'<span class="tag">{label}</span>' in portal
    assert "已驳回" not in portal and "Rejected" not in portal


def test_a_change_withdrawn_before_reads_back_as_data(cast, withdrawn):
    """The rows stored as a sentence (in English, or in Chinese when the manager read Chinese)."""
    day = withdrawn.effective_date.isoformat()
    ChangeRequest.objects.filter(pk=withdrawn.pk).update(
        status="rejected", decision_comments=f"Withdrawn before it took effect on {day}: Wrong date: next month"
    )
    other = ChangeRequest.objects.create(
        contract=withdrawn.contract,
        title="Old",
        description="d",
        proposed_terms={"monthly_fee": "1"},
        raised_by=cast.manager,
        status="rejected",
        decision_comments="在 2027-02-01 生效之前撤回：预算未批",
    )
    plain = ChangeRequest.objects.create(
        contract=withdrawn.contract,
        title="Plain",
        description="d",
        raised_by=cast.manager,
        status="rejected",
        decision_comments="Withdrawn before it took effect? No: too costly",
    )
    importlib.import_module("contracts.migrations.0014_changerequest_withdrawn").forwards(apps, None)
    rows = {c.pk: (c.status, c.decision_comments, str(c.effective_date)) for c in ChangeRequest.objects.all()}
    assert rows[withdrawn.pk] == ("withdrawn", "Wrong date: next month", day)
    assert rows[other.pk] == ("withdrawn", "预算未批", "2027-02-01")
    assert rows[plain.pk] == ("rejected", "Withdrawn before it took effect? No: too costly", "None")
