"""Review of "amendments take effect on a date": an effective date stays within the contract's term
as it stands (an extension takes effect before the contract would end), never precedes the latest
version's day (versions take effect in their order) nor a finalized service-level period (a week of
this month: its credits stand), and an amendment still waiting when its contract is terminated or
expired lapses: the job leaves it, the pages say so, the engine never counts its terms."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from contracts import services
from contracts.models import ContractVersion
from contracts.services.lifecycle import add_months
from contracts.terms_in_force import terms_on
from performance.models import Period

from .factories import ContractFactory

D = Decimal


def _assessed(cast, contract, terms=None, **kwargs):
    change = services.change_request_create(
        contract=contract,
        by=cast.contributor,
        title="Weekend cover",
        description="Sat/Sun",
        proposed_terms=terms or {"monthly_fee": "120000"},
        **kwargs,
    )
    return services.change_request_assess(change=change, by=cast.manager, cost_impact=D("20000"))


def _refusal(raised) -> str:
    return " ".join(raised.value.message_dict["effective_date"])


def test_an_extension_takes_effect_while_the_contract_is_still_in_force(cast, signed):
    """Effective after the current end, the end-of-term job would expire (or renew) the contract
    first, and the amendment would then be written to an expired contract."""
    new_end = signed.end_date + timedelta(days=90)
    extend = {"end_date": new_end.isoformat()}
    with pytest.raises(ValidationError) as raised:
        services.change_request_create(
            contract=signed,
            by=cast.manager,
            title="Extend",
            description="d",
            proposed_terms=extend,
            effective_date=signed.end_date + timedelta(days=30),
        )
    assert f"after the contract ends ({signed.end_date.isoformat()})" in _refusal(raised)
    change = services.change_request_create(
        contract=signed,
        by=cast.manager,
        title="Extend",
        description="d",
        proposed_terms=extend,
        effective_date=signed.end_date,
    )
    assert change.effective_date == signed.end_date
    # A change shortening the term is bounded by its own end date.
    shorter = signed.end_date - timedelta(days=60)
    with pytest.raises(ValidationError) as raised:
        services.change_request_create(
            contract=signed,
            by=cast.manager,
            title="Shorten",
            description="d",
            proposed_terms={"end_date": shorter.isoformat()},
            effective_date=shorter + timedelta(days=1),
        )
    assert f"after the contract ends ({shorter.isoformat()})" in _refusal(raised)


def test_an_amendment_never_takes_effect_before_the_latest_version(cast, signed, today):
    """A later amendment dated before an earlier version's day was lost from that day on: the terms of
    a day are those of the last version by date, and the earlier version's snapshot lacks it."""
    first_open = today.replace(day=1)
    mid = first_open + timedelta(days=14)
    services.change_request_decide(
        change=_assessed(cast, signed), by=cast.manager, approve=True, effective_date=mid, today=mid
    )
    second = _assessed(cast, signed, {"at_risk_pct": "15"})
    with pytest.raises(ValidationError) as raised:
        services.change_request_decide(
            change=second, by=cast.manager, approve=True, effective_date=first_open, today=mid + timedelta(days=1)
        )
    assert f"before version v2 of the terms, in force from {mid.isoformat()}" in _refusal(raised)
    services.change_request_decide(
        change=second, by=cast.manager, approve=True, effective_date=mid, today=mid + timedelta(days=1)
    )
    next_month = add_months(first_open, 1)
    terms = terms_on(signed, next_month)
    assert (terms.monthly_fee, terms.at_risk_pct, terms.version) == (D("120000.00"), D("15.00"), 3)


def test_a_finalized_week_of_this_month_is_not_rewritten(cast, signed, today):
    first_open = today.replace(day=1)
    week = Period.objects.create(
        contract=signed,
        kind="weekly",
        start=first_open + timedelta(days=1),
        end=first_open + timedelta(days=8),
        status="finalized",
    )
    decided = first_open + timedelta(days=20)
    change = _assessed(cast, signed)
    with pytest.raises(ValidationError) as raised:
        services.change_request_decide(
            change=change, by=cast.manager, approve=True, effective_date=first_open, today=decided
        )
    assert f"{week.label}, already finalized" in _refusal(raised)
    assert week.end.isoformat() in _refusal(raised)
    services.change_request_decide(change=change, by=cast.manager, approve=True, effective_date=week.end, today=decided)
    assert terms_on(signed, week.start).monthly_fee == D("100000.00")


@pytest.mark.parametrize("status", ["terminated", "expired"])
def test_a_waiting_amendment_lapses_when_the_contract_ends_early(cast, signed, today, client, status):
    day = today + timedelta(days=10)
    services.change_request_decide(
        change=_assessed(cast, signed, {"monthly_fee": "150000"}), by=cast.manager, approve=True, effective_date=day
    )
    other = _assessed(cast, signed, {"at_risk_pct": "12"})
    services.contracts.contract_set_status(contract=signed, status=status, by=cast.manager)
    # The job leaves it: the contract's terms stay those it ended with.
    assert services.amendments_apply_due(today=day) == {"applied": 0, "failed": 0}
    signed.refresh_from_db()
    assert (signed.monthly_fee, signed.status) == (D("100000.00"), status)
    version = ContractVersion.objects.get(contract=signed, number=2)
    assert version.applied_at is None and version.lapsed and not version.pending
    assert services.pending_amendment(signed) is None
    # The engine (which still measures a terminated contract to its end date) never counts it.
    assert terms_on(signed, add_months(day.replace(day=1), 1)).monthly_fee == D("100000.00")
    # Another change can no longer be approved; rejecting it still works.
    with pytest.raises(ValidationError, match="can no longer be approved"):
        services.change_request_decide(change=other, by=cast.manager, approve=True)
    services.change_request_decide(change=other, by=cast.manager, approve=False, comments="contract ended")
    client.force_login(cast.manager)
    page = client.get(signed.get_absolute_url()).content.decode()
    assert 'data-testid="pending-amendment"' not in page
    versions = client.get(reverse("contracts:contract_versions", args=[signed.pk])).content.decode()
    assert 'data-testid="lapsed-2"' in versions and "waiting for its day" not in versions
    client.force_login(cast.vendor_x_admin)
    portal = client.get(reverse("portal:contract_detail", args=[signed.pk])).content.decode()
    assert 'data-testid="pending-amendment"' not in portal


@pytest.mark.parametrize(
    ("language", "fee", "risk"),
    [("en", "Monthly fee: 130,000.00", "At-risk (%): 12"), ("zh-hans", "月费: 130,000.00", None)],
)
def test_the_waiting_amendment_reads_by_label_in_the_readers_language(cast, signed, today, client, language, fee, risk):
    """The callout named the terms by field key ('monthly_fee: 130000'), in Chinese too."""
    change = _assessed(cast, signed, {"monthly_fee": "130000", "at_risk_pct": "12"})
    services.change_request_decide(
        change=change, by=cast.manager, approve=True, effective_date=today + timedelta(days=3)
    )
    for user, url in [
        (cast.manager, signed.get_absolute_url()),
        (cast.vendor_x_admin, reverse("portal:contract_detail", args=[signed.pk])),
    ]:
        user.language = language
        user.save(update_fields=["language"])
        client.force_login(user)
        client.cookies["django_language"] = language
        page = client.get(url).content.decode()
        callout = page.split('data-testid="pending-amendment"')[1].split("</p>")[0]
        assert fee in callout and "monthly_fee" not in callout and "at_risk_pct" not in callout
        if risk:
            assert risk in callout


def test_the_terms_header_names_the_version_in_force_after_a_lapse(cast, signed, today, client):
    services.change_request_decide(
        change=_assessed(cast, signed), by=cast.manager, approve=True, effective_date=today + timedelta(days=3)
    )
    services.contracts.contract_set_status(contract=signed, status="terminated", by=cast.manager)
    client.force_login(cast.manager)
    page = client.get(signed.get_absolute_url()).content.decode()
    assert 'data-testid="pending-amendment"' not in page
    header = page.split('id="h-terms"')[1].split("</h2>")[0]
    assert "v1" in header and "v2" not in header


@pytest.fixture
def not_started(cast, today):
    """Signed, starting on the first day of the month after next."""
    contract = ContractFactory(
        program=cast.program_a,
        vendor=cast.vendor_x,
        number="LATER-1",
        status="signed",
        start_date=add_months(today.replace(day=1), 2),
        end_date=add_months(today.replace(day=1), 26),
    )
    services.contracts.record_version(contract, cast.manager)
    return contract


def test_an_approval_before_the_start_defaults_to_the_start(cast, not_started, client):
    """Approved without a date, it took the decision day, before the start: refused."""
    change = _assessed(cast, not_started)
    client.force_login(cast.manager)
    page = client.get(reverse("contracts:change_detail", args=[change.pk]))
    assert page.context["decision_form"].initial["effective_date"] == not_started.start_date
    services.change_request_decide(change=change, by=cast.manager, approve=True)
    change.refresh_from_db()
    version = not_started.versions.get(number=2)
    assert change.effective_date == version.effective_from == not_started.start_date and version.pending


def test_the_start_date_changes_only_before_the_contract_starts(cast, signed, not_started, today):
    # Started: its periods, invoices and credits count from its start.
    with pytest.raises(ValidationError) as raised:
        services.change_request_create(
            contract=signed,
            by=cast.manager,
            title="Go-live moved",
            description="d",
            proposed_terms={"start_date": (signed.start_date + timedelta(days=31)).isoformat()},
        )
    assert "can no longer be amended" in " ".join(raised.value.message_dict["proposed_terms"])
    # Not started: not to a closed month, and in force before the current start (at once by default).
    closed = today.replace(day=1) - timedelta(days=1)
    with pytest.raises(ValidationError) as raised:
        services.change_request_create(
            contract=not_started,
            by=cast.manager,
            title="Earlier",
            description="d",
            proposed_terms={"start_date": closed.isoformat()},
        )
    assert "closed month" in " ".join(raised.value.message_dict["proposed_terms"])
    new_start = add_months(not_started.start_date, 1)
    with pytest.raises(ValidationError) as raised:
        _assessed(cast, not_started, {"start_date": new_start.isoformat()}, effective_date=not_started.start_date)
    assert "a change of the start date takes effect before it" in _refusal(raised)
    with pytest.raises(ValidationError) as raised:
        _assessed(cast, not_started, {"start_date": new_start.isoformat(), "monthly_fee": "90000"})
    assert "of its own" in " ".join(raised.value.message_dict["proposed_terms"])
    change = _assessed(cast, not_started, {"start_date": new_start.isoformat()})
    services.change_request_decide(change=change, by=cast.manager, approve=True)
    not_started.refresh_from_db()
    assert not_started.start_date == new_start
    # The terms as signed count from the new start; a fee change takes effect from there.
    assert [v.effective_from for v in not_started.versions.order_by("number")] == [new_start, today]
    fee = _assessed(cast, not_started, {"monthly_fee": "90000"})
    fee = services.change_request_decide(change=fee, by=cast.manager, approve=True)
    assert (fee.effective_date, terms_on(not_started, new_start).monthly_fee) == (new_start, D("90000.00"))
