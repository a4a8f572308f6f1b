"""The service-level engine against values computed by hand (DOMAIN.md, "The service-level engine").

Every expected number below was worked out on paper from the samples the test creates."""

from datetime import date

import pytest

from performance import engine
from performance.choices import CreditStatus, PeriodStatus, ResultState
from performance.models import Credit, Period, Result
from performance.services import contract_run, evaluate_period

from .helpers import D, at, level, percent_within_samples, samples, signed_contract


def result(sl, start=date(2026, 1, 1)):
    return Result.objects.get(service_level=sl, period__start=start)


# --- Credits: the cap, pro-rata scaling and cent rounding -------------------------------------


def test_worked_example_credits_are_capped_pro_rata():
    """DOMAIN.md: 40% + 30% + 50% of 10,000.00 = 12,000.00, capped to 3,333.33 + 2,500.00 + 4,166.67."""
    got = engine.allocate_credits(D("10000.00"), [("a", D("40")), ("b", D("30")), ("c", D("50"))])
    assert got == {
        "a": (D("4000.00"), D("3333.33")),
        "b": (D("3000.00"), D("2500.00")),
        "c": (D("5000.00"), D("4166.67")),
    }
    assert sum(amount for _u, amount in got.values()) == D("10000.00")


def test_credit_under_the_cap_is_at_risk_times_allocation():
    assert engine.allocate_credits(D("10000.00"), [("a", D("40"))]) == {"a": (D("4000.00"), D("4000.00"))}


def test_credits_exactly_at_the_cap_are_not_scaled():
    got = engine.allocate_credits(D("10000.00"), [("a", D("60")), ("b", D("40"))])
    assert got == {"a": (D("6000.00"), D("6000.00")), "b": (D("4000.00"), D("4000.00"))}


def test_cent_left_over_by_rounding_goes_to_the_largest_credit():
    """100.00 x 50/150 = 33.333… three times: 33.33 x 3 = 99.99, the missing cent goes to the first of the equals."""
    got = engine.allocate_credits(D("100.00"), [("a", D("50")), ("b", D("50")), ("c", D("50"))])
    assert [got[k][1] for k in "abc"] == [D("33.34"), D("33.33"), D("33.33")]


def test_cents_rounded_up_too_far_are_taken_back_from_the_largest_credit():
    """100.00 / 6 = 16.666… rounds up to 16.67; six of them are 100.02, so the largest gives back 0.02."""
    got = engine.allocate_credits(D("100.00"), [(k, D("50")) for k in "abcdef"])
    assert [got[k][1] for k in "abcdef"] == [D("16.65")] + [D("16.67")] * 5
    assert sum(v[1] for v in got.values()) == D("100.00")


def test_the_largest_scaled_credit_takes_the_leftover():
    """1000.00 capped over 45/35/45 (sum 125): 360, 280, 360 exact — no leftover; over 33/33/34 of 10.00 with
    cap 10.00 nothing is scaled. Over 70/70/10 of 10.00: 4.6666…, 4.6666…, 0.6666… -> 4.67 + 4.67 + 0.67 = 10.01,
    the first largest gives back a cent."""
    got = engine.allocate_credits(D("10.00"), [("a", D("70")), ("b", D("70")), ("c", D("10"))])
    assert [got[k][1] for k in "abc"] == [D("4.66"), D("4.67"), D("0.67")]


def test_half_cents_round_up():
    # 10% of 0.05 = 0.005 -> 0.01 (half-up, not banker's rounding)
    assert engine.allocate_credits(D("0.05"), [("a", D("10"))]) == {"a": (D("0.01"), D("0.01"))}
    assert engine.at_risk_amount(type("C", (), {"at_risk_pct": D("12.5")})(), D("0.20")) == D("0.03")


# --- States: boundaries in both directions ----------------------------------------------------


@pytest.mark.parametrize(
    ("direction", "value", "state"),
    [
        ("higher", "80", ResultState.MET),  # exactly at expected
        ("higher", "80.0001", ResultState.MET),
        ("higher", "79.9999", ResultState.MINOR),
        ("higher", "75", ResultState.MINOR),  # exactly at minimum
        ("higher", "74.9999", ResultState.BREACH),
        ("lower", "20", ResultState.MET),  # exactly at expected
        ("lower", "19", ResultState.MET),
        ("lower", "20.0001", ResultState.MINOR),
        ("lower", "30", ResultState.MINOR),  # exactly at minimum
        ("lower", "30.0001", ResultState.BREACH),
    ],
)
def test_state_boundaries(direction, value, state):
    expected, minimum = (D("80"), D("75")) if direction == "higher" else (D("20"), D("30"))
    got = engine.classify(
        D(value), expected=expected, minimum=minimum, direction=direction, sample_count=5, min_samples=5
    )
    assert got == state


def test_fewer_samples_than_the_minimum_is_insufficient():
    got = engine.classify(D("10"), expected=D("80"), minimum=D("75"), direction="higher", sample_count=4, min_samples=5)
    assert got == ResultState.INSUFFICIENT


# --- Every measure through the engine (samples 10, 20, 30, 40 in January) --------------------

MEASURES = [
    # measure, extra fields, hand-computed value
    ("average", {}, "25"),  # (10+20+30+40)/4
    ("sum", {}, "100"),
    ("count", {}, "4"),
    ("min", {}, "10"),
    ("max", {}, "40"),
    ("percentile", {"percentile": 90}, "37"),  # position 0.9 x 3 = 2.7: 30 + 0.7 x (40 - 30)
    ("percentile", {"percentile": 50}, "25"),  # position 1.5: 20 + 0.5 x 10
    ("percentile", {"percentile": 100}, "40"),
    ("percentile", {"percentile": 0}, "10"),
    ("percent_within", {"threshold": 25}, "50"),  # 10 and 20 are within 25: 2 of 4
    ("percent_within", {"threshold": 30}, "75"),  # a sample exactly at the threshold counts
    ("reported", {}, "40"),  # the latest sample of the period
]


@pytest.mark.django_db
@pytest.mark.parametrize(("measure", "extra", "value"), MEASURES)
@pytest.mark.parametrize("direction", ["higher", "lower"])
def test_each_measure_and_direction(measure, extra, value, direction):
    contract = signed_contract()
    v = D(value)
    # Levels around the hand-computed value: higher is better -> expected just above (MINOR),
    # lower is better -> expected just above too, so the value is MET.
    if direction == "higher":
        sl = level(contract, "X", measure=measure, direction="higher", expected=v + 1, minimum=v - 1, **extra)
        want = ResultState.MINOR
    else:
        sl = level(contract, "X", measure=measure, direction="lower", expected=v + 1, minimum=v + 2, **extra)
        want = ResultState.MET
    samples(sl, [10, 20, 30, 40])
    contract_run(contract_id=contract.pk, now=at(2026, 1, 20))
    r = result(sl)
    assert (r.value, r.state, r.sample_count) == (v, want, 4)


@pytest.mark.django_db
def test_percentile_interpolates_between_unsorted_samples():
    """Samples 7, 1, 3, 9, 5 sorted are 1 3 5 7 9; p95: position 0.95 x 4 = 3.8 -> 7 + 0.8 x 2 = 8.6."""
    contract = signed_contract()
    sl = level(contract, "P95", measure="percentile", percentile=95, direction="lower", expected=9, minimum=10)
    samples(sl, [7, 1, 3, 9, 5])
    contract_run(contract_id=contract.pk, now=at(2026, 1, 20))
    assert result(sl).value == D("8.6000")


@pytest.mark.django_db
def test_average_is_rounded_half_up_to_four_places():
    """(1 + 1 + 2) / 3 = 1.33333… -> 1.3333; (0.00005 is not storable, so check 2/3 -> 0.6667)."""
    contract = signed_contract()
    a = level(contract, "A", measure="average")
    b = level(contract, "B", measure="percent_within", threshold=1)
    samples(a, [1, 1, 2])
    samples(b, [1, 1, 2])  # 2 of 3 within -> 66.6667
    contract_run(contract_id=contract.pk, now=at(2026, 1, 20))
    assert result(a).value == D("1.3333")
    assert result(b).value == D("66.6667")


# --- The worked example of DOMAIN.md, end to end ------------------------------------------------


@pytest.mark.django_db
def test_domain_worked_example():
    """Fee 100,000.00, at-risk 10%: calls answered within 20 s at 72.0 (BREACH, 40%) -> 4,000.00;
    accuracy at 99.2 against 99.5 / 99.0 (MINOR, 30%) -> no credit."""
    contract = signed_contract()
    calls = level(contract, "ASA20", measure="percent_within", threshold=20, expected=80, minimum=75, allocation_pct=40)
    accuracy = level(contract, "ACC", measure="reported", expected="99.5", minimum="99.0", allocation_pct=30)
    percent_within_samples(calls, within=18, total=25)  # 18 / 25 = 72%
    samples(accuracy, ["99.2"])
    contract_run(contract_id=contract.pk, now=at(2026, 1, 20))
    period = Period.objects.get(contract=contract, start=date(2026, 1, 1))
    assert (period.charges, period.at_risk_amount) == (D("100000.00"), D("10000.00"))
    assert (result(calls).value, result(calls).state) == (D("72.0000"), ResultState.BREACH)
    assert (result(accuracy).value, result(accuracy).state) == (D("99.2000"), ResultState.MINOR)
    credit = Credit.objects.get(period=period)
    assert (credit.service_level, credit.amount, credit.status) == (calls, D("4000.00"), CreditStatus.PROVISIONAL)


@pytest.mark.django_db
def test_three_breaches_are_capped_through_the_engine():
    contract = signed_contract()
    sls = [
        level(contract, code, measure="average", expected=80, minimum=75, allocation_pct=pct)
        for code, pct in (("A", 40), ("B", 30), ("C", 50))
    ]
    for sl in sls:
        samples(sl, [70])
    contract_run(contract_id=contract.pk, now=at(2026, 1, 20))
    amounts = {c.service_level.code: (c.uncapped_amount, c.amount) for c in Credit.objects.all()}
    assert amounts == {
        "A": (D("4000.00"), D("3333.33")),
        "B": (D("3000.00"), D("2500.00")),
        "C": (D("5000.00"), D("4166.67")),
    }


@pytest.mark.django_db
def test_kpi_breach_carries_no_credit_and_minor_none_either():
    contract = signed_contract()
    kpi = level(contract, "K", kind="kpi", expected=80, minimum=75)
    minor = level(contract, "M", expected=80, minimum=75, allocation_pct=40)
    samples(kpi, [10])
    samples(minor, [77])
    contract_run(contract_id=contract.pk, now=at(2026, 1, 20))
    assert result(kpi).state == ResultState.BREACH
    assert result(minor).state == ResultState.MINOR
    assert not Credit.objects.exists()


@pytest.mark.django_db
def test_insufficient_data_gives_no_credit_even_when_the_value_would_breach():
    contract = signed_contract()
    sl = level(contract, "A", expected=80, minimum=75, allocation_pct=40, min_samples=5)
    samples(sl, [1, 1, 1, 1])
    contract_run(contract_id=contract.pk, now=at(2026, 1, 20))
    r = result(sl)
    assert (r.state, r.sample_count, r.value) == (ResultState.INSUFFICIENT, 4, D("1.0000"))
    assert not Credit.objects.exists()


@pytest.mark.django_db
def test_no_samples_at_all_is_insufficient():
    contract = signed_contract()
    sl = level(contract, "A", allocation_pct=40)
    contract_run(contract_id=contract.pk, now=at(2026, 1, 20))
    assert (result(sl).state, result(sl).value) == (ResultState.INSUFFICIENT, None)


@pytest.mark.django_db
def test_approved_exclusions_are_left_out():
    """10 (excluded), 90, 90 -> average 90 MET; without the exclusion it would be 63.33 BREACH."""
    contract = signed_contract()
    sl = level(contract, "A", expected=80, minimum=75, allocation_pct=40)
    samples(sl, [10, 90, 90], excluded={0})
    contract_run(contract_id=contract.pk, now=at(2026, 1, 20))
    r = result(sl)
    assert (r.value, r.state, r.sample_count, r.excluded_count) == (D("90.0000"), ResultState.MET, 2, 1)
    assert not Credit.objects.exists()


@pytest.mark.django_db
def test_weekly_and_quarterly_charges():
    """Weekly: 100,000 x 12 / 52 = 23,076.92; 10% -> 2,307.69. Quarterly: 300,000.00; 10% -> 30,000.00."""
    contract = signed_contract()
    level(contract, "W", period="weekly")
    level(contract, "Q", period="quarterly")
    contract_run(contract_id=contract.pk, now=at(2026, 1, 20))
    week = Period.objects.get(contract=contract, kind="weekly", start=date(2026, 1, 12))  # Monday
    assert (week.end, week.charges, week.at_risk_amount) == (date(2026, 1, 19), D("23076.92"), D("2307.69"))
    quarter = Period.objects.get(contract=contract, kind="quarterly")
    assert (quarter.start, quarter.end, quarter.at_risk_amount) == (date(2026, 1, 1), date(2026, 4, 1), D("30000.00"))


# --- Time zones: the period's edges are midnight in the program's time zone -----------------


@pytest.mark.django_db
def test_period_edges_follow_the_program_time_zone():
    """Shanghai is UTC+8: 2025-12-31 16:00 UTC is Jan 1 00:00 there (January, inclusive start);
    2026-01-31 15:59:59 UTC is Jan 31 23:59:59 (January); 2026-01-31 16:00 UTC is Feb 1 00:00 (February)."""
    contract = signed_contract(tz="Asia/Shanghai", start_date=date(2025, 12, 1))
    sl = level(contract, "N", measure="count", expected=0, minimum=0)
    samples(sl, [1], when=at(2025, 12, 31, 16, 0, 0))
    samples(sl, [1], when=at(2026, 1, 31, 15, 59, 59))
    samples(sl, [1], when=at(2026, 1, 31, 16, 0, 0))
    samples(sl, [1], when=at(2025, 12, 31, 15, 59, 59))  # Dec 31 23:59:59 in Shanghai
    contract_run(contract_id=contract.pk, now=at(2026, 2, 10))
    counts = {r.period.start: r.value for r in Result.objects.filter(service_level=sl)}
    assert counts == {date(2025, 12, 1): D("1"), date(2026, 1, 1): D("2"), date(2026, 2, 1): D("1")}


@pytest.mark.django_db
def test_the_same_instant_falls_in_different_months_in_different_time_zones():
    """2026-01-31 20:00 UTC is January in New York (15:00) and February in Shanghai (04:00)."""
    for tz, month in (("America/New_York", 1), ("Asia/Shanghai", 2)):
        contract = signed_contract(tz=tz)
        sl = level(contract, "N", measure="count", expected=0, minimum=0)
        samples(sl, [1], when=at(2026, 1, 31, 20, 0))
        contract_run(contract_id=contract.pk, now=at(2026, 2, 3))
        assert Result.objects.get(service_level=sl, value=1).period.start == date(2026, month, 1), tz


@pytest.mark.django_db
def test_finalization_waits_for_the_grace_period_in_the_program_time_zone():
    """January ends Feb 1 00:00; with 5 days' grace it is final from Feb 6 00:00 Shanghai time (Feb 5 16:00 UTC)."""
    contract = signed_contract(tz="Asia/Shanghai")
    sl = level(contract, "A", expected=80, minimum=75, allocation_pct=40)
    samples(sl, [70])
    contract_run(contract_id=contract.pk, now=at(2026, 2, 5, 15, 59, 59))
    jan = Period.objects.get(contract=contract, start=date(2026, 1, 1))
    assert jan.status == PeriodStatus.PROVISIONAL
    assert Credit.objects.get().status == CreditStatus.PROVISIONAL
    contract_run(contract_id=contract.pk, now=at(2026, 2, 5, 16, 0, 0))
    jan.refresh_from_db()
    assert jan.status == PeriodStatus.FINALIZED
    assert Credit.objects.get().status == CreditStatus.APPLIED  # N = 0: applied when final


# --- Earn-back ----------------------------------------------------------------------------------


def _earn_back_case(feb, mar):
    contract = signed_contract()
    sl = level(contract, "A", expected=80, minimum=75, allocation_pct=40, earn_back_periods=2)
    samples(sl, [70], when=at(2026, 1, 10))
    samples(sl, [feb], when=at(2026, 2, 10))
    samples(sl, [mar], when=at(2026, 3, 10))
    return contract, sl


@pytest.mark.django_db
def test_earn_back_met_in_all_next_periods():
    contract, sl = _earn_back_case(85, 80)  # MET, MET (80 is exactly expected)
    contract_run(contract_id=contract.pk, now=at(2026, 3, 20))  # Jan, Feb final; Mar provisional
    credit = Credit.objects.get(period__start=date(2026, 1, 1))
    assert credit.status == CreditStatus.PENDING
    contract_run(contract_id=contract.pk, now=at(2026, 4, 6))  # Mar final
    credit.refresh_from_db()
    assert (credit.status, credit.amount) == (CreditStatus.EARNED_BACK, D("4000.00"))


@pytest.mark.django_db
def test_earn_back_missed_when_one_period_is_not_met():
    contract, sl = _earn_back_case(85, 78)  # MET, MINOR
    contract_run(contract_id=contract.pk, now=at(2026, 4, 6))
    assert Credit.objects.get(period__start=date(2026, 1, 1)).status == CreditStatus.APPLIED


@pytest.mark.django_db
def test_earn_back_missed_when_a_later_period_breaches_and_earns_its_own_credit():
    contract, sl = _earn_back_case(70, 85)  # BREACH, MET
    contract_run(contract_id=contract.pk, now=at(2026, 4, 6))
    jan, feb = (Credit.objects.get(period__start=date(2026, m, 1)) for m in (1, 2))
    assert jan.status == CreditStatus.APPLIED
    assert feb.status == CreditStatus.PENDING  # its own window (Mar, Apr) is not final yet


# --- Reopening and idempotency -----------------------------------------------------------------


@pytest.mark.django_db
def test_a_finalized_period_does_not_change_until_reopened(cast):
    from performance.services import period_reopen
    from tests.contracts.factories import ContractFactory

    contract = ContractFactory(program=cast.program_a, vendor=cast.vendor_x, status="active", terms_version=1)
    sl = level(contract, "A", expected=80, minimum=75, allocation_pct=40)
    samples(sl, [70])
    contract_run(contract_id=contract.pk, now=at(2026, 2, 10))
    jan = Period.objects.get(contract=contract, start=date(2026, 1, 1))
    assert jan.status == PeriodStatus.FINALIZED
    samples(sl, [100, 100, 100], when=at(2026, 1, 20))  # late data, written behind the engine's back
    contract_run(contract_id=contract.pk, now=at(2026, 2, 11))
    assert result(sl).value == D("70.0000")  # frozen

    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        period_reopen(period=jan, by=cast.contributor, reason="late data")
    period_reopen(period=jan, by=cast.manager, reason="Vendor sent late data")
    jan.refresh_from_db()
    assert jan.status == PeriodStatus.PROVISIONAL
    assert jan.reopenings.get().reason == "Vendor sent late data"
    assert Credit.objects.get().status == CreditStatus.PROVISIONAL
    contract_run(contract_id=contract.pk, now=at(2026, 2, 12))  # re-finalized with the new data
    jan.refresh_from_db()
    assert (jan.status, result(sl).value, result(sl).state) == (PeriodStatus.FINALIZED, D("92.5000"), ResultState.MET)
    assert not Credit.objects.exists()


@pytest.mark.django_db
def test_reopening_a_period_in_an_earn_back_window_reopens_that_credit(cast):
    from performance.services import period_reopen

    contract, sl = _earn_back_case(85, 85)
    contract.program.memberships.create(user=cast.manager, role="manager")
    contract_run(contract_id=contract.pk, now=at(2026, 4, 6))
    credit = Credit.objects.get(period__start=date(2026, 1, 1))
    assert credit.status == CreditStatus.EARNED_BACK
    period_reopen(period=Period.objects.get(contract=contract, start=date(2026, 2, 1)), by=cast.manager, reason="fix")
    credit.refresh_from_db()
    assert credit.status == CreditStatus.PENDING
    contract_run(contract_id=contract.pk, now=at(2026, 4, 7))
    credit.refresh_from_db()
    assert credit.status == CreditStatus.EARNED_BACK


@pytest.mark.django_db
def test_running_twice_gives_the_same_results_and_credits():
    contract = signed_contract()
    a = level(contract, "A", expected=80, minimum=75, allocation_pct=40)
    b = level(contract, "B", expected=80, minimum=75, allocation_pct=70)
    samples(a, [70, 72])
    samples(b, [60])

    def snapshot():
        return (
            sorted(Period.objects.values_list("kind", "start", "status", "at_risk_amount")),
            sorted(Result.objects.values_list("service_level__code", "period__start", "value", "state")),
            sorted(Credit.objects.values_list("service_level__code", "period__start", "amount", "status")),
        )

    contract_run(contract_id=contract.pk, now=at(2026, 2, 3))
    first = snapshot()
    contract_run(contract_id=contract.pk, now=at(2026, 2, 3))
    assert snapshot() == first
    assert first[2] == [
        ("A", date(2026, 1, 1), D("3636.36"), CreditStatus.PROVISIONAL),  # 10,000 x 40/110 = 3,636.3636…
        ("B", date(2026, 1, 1), D("6363.64"), CreditStatus.PROVISIONAL),  # 10,000 x 70/110 = 6,363.6363…
    ]


@pytest.mark.django_db
def test_a_breach_that_recovers_drops_its_provisional_credit():
    contract = signed_contract()
    sl = level(contract, "A", expected=80, minimum=75, allocation_pct=40)
    samples(sl, [70])
    contract_run(contract_id=contract.pk, now=at(2026, 1, 20))
    assert Credit.objects.count() == 1
    samples(sl, [100, 100], when=at(2026, 1, 21))
    evaluate_period(period_id=Period.objects.get().pk)
    assert result(sl).state == ResultState.MET
    assert not Credit.objects.exists()


@pytest.mark.django_db
def test_contracts_before_signature_are_not_evaluated():
    contract = signed_contract()
    contract.status = "approved"
    contract.save()
    level(contract, "A")
    assert contract_run(contract_id=contract.pk, now=at(2026, 2, 3)) == {"evaluated": 0, "finalized": 0, "resolved": 0}
    assert not Period.objects.exists()
