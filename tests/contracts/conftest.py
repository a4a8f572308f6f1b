"""Fixtures shared by the contract tests (amendments, their effective dates and withdrawal, the
change request API). A test module that defines a fixture of the same name uses its own."""

import pytest

from bpo.core.zones import today_in
from contracts import services
from contracts.services.lifecycle import add_months

from .factories import ContractFactory, ServiceLevelFactory


@pytest.fixture
def today(cast):
    """Today in program A's time zone: the day the services date amendments against."""
    return today_in(cast.program_a.time_zone)


def _active(cast, today):
    return ContractFactory(
        program=cast.program_a,
        vendor=cast.vendor_x,
        status="active",
        start_date=add_months(today.replace(day=1), -3),
        end_date=add_months(today.replace(day=1), 24),
    )


@pytest.fixture
def signed(cast, today):
    """Program A's contract with vendor X, active since the first day of the month three months ago,
    for two more years, with the service level ASA20; v1 of its terms recorded at signature."""
    contract = _active(cast, today)
    ServiceLevelFactory(contract=contract, code="ASA20")
    services.contracts.record_version(contract, cast.manager)
    return contract


@pytest.fixture
def signed_without_levels(cast, today):
    """The same contract without a service level (nothing allocated from its credit pool)."""
    contract = _active(cast, today)
    services.contracts.record_version(contract, cast.manager)
    return contract
