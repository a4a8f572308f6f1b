"""Contract dates that mean "today" follow the program's time zone, not the server's: at 17:30 UTC on
26 November it is already 27 November in Shanghai. The daily end-of-term job (as beat runs it: no
`today`) expires or renews a Shanghai contract that ended on the 26th, not a UTC one; a contract
signed then is signed on the program's date; a milestone done on the program's today is accepted."""

from datetime import UTC, date, datetime
from unittest import mock

import pytest
from django.core.exceptions import ValidationError

from contracts import services
from contracts.models import Contract
from contracts.tasks import contracts_end_of_term
from strategy.models import Milestone, Program

from .factories import ContractFactory
from .test_workflow import new_contract, through_reviews

NOW = datetime(2026, 11, 26, 17, 30, tzinfo=UTC)  # 2026-11-27 01:30 in Shanghai


@pytest.fixture
def zoned(cast):
    Program.objects.filter(pk=cast.program_a.pk).update(time_zone="Asia/Shanghai")
    Program.objects.filter(pk=cast.program_b.pk).update(time_zone="UTC")
    cast.program_a.refresh_from_db()
    cast.program_b.refresh_from_db()
    with mock.patch("django.utils.timezone.now", return_value=NOW):
        yield cast


def _ending_26th(program, cast, number, **kwargs):
    return ContractFactory(
        program=program, vendor=cast.vendor_x, number=number, status="active", terms_version=1,
        start_date=date(2026, 1, 1), end_date=date(2026, 11, 26), **kwargs,
    )  # fmt: skip


def test_expiry_and_renewal_follow_each_programs_date_once(zoned):
    cast = zoned
    sh = _ending_26th(cast.program_a, cast, "SH")
    sh_renew = _ending_26th(cast.program_a, cast, "SH-R", auto_renewal=True, renewal_term_months=12)
    utc = _ending_26th(cast.program_b, cast, "UTC")
    assert services.contracts_close_or_renew() == {"expired": 1, "renewed": 1}
    assert contracts_end_of_term.delay().get() == {"expired": 0, "renewed": 0}  # nothing left due
    sh, sh_renew, utc = (Contract.objects.get(pk=c.pk) for c in (sh, sh_renew, utc))
    assert (sh.status, sh.expired_on) == ("expired", date(2026, 11, 27))
    assert (sh_renew.status, sh_renew.end_date, sh_renew.last_renewed_on) == (
        "active",
        date(2027, 11, 26),
        date(2026, 11, 27),
    )
    assert (utc.status, utc.expired_on) == ("active", None)


def test_a_contract_is_signed_on_its_programs_date(zoned):
    cast = zoned
    shanghai = through_reviews(new_contract(cast), cast)
    utc = through_reviews(new_contract(cast, number="MSA-UTC"), cast)
    assert services.contract_sign(contract=shanghai, by=cast.manager).signed_date == date(2026, 11, 27)
    Program.objects.filter(pk=cast.program_a.pk).update(time_zone="UTC")  # the same program in UTC: the 26th
    assert services.contract_sign(contract=utc, by=cast.manager).signed_date == date(2026, 11, 26)


def test_a_milestone_done_on_its_programs_today_is_accepted(zoned):
    cast = zoned

    def milestone(program):
        return Milestone(
            program=program, name="Go-live", phase="transition", baseline_date=date(2026, 11, 1),
            actual_date=date(2026, 11, 27),
        )  # fmt: skip

    milestone(cast.program_a).full_clean()  # the 27th in Shanghai: today
    with pytest.raises(ValidationError) as refused:
        milestone(cast.program_b).full_clean()  # still the 26th in UTC: the future
    assert "actual_date" in refused.value.message_dict
