"""Contracts, service levels and samples for the tests of contracts, delivery and performance."""

from datetime import date
from decimal import Decimal

import factory

from contracts.choices import ContractStatus
from contracts.models import Contract, ServiceLevel
from delivery.models import Sample
from tests.factories import ProgramFactory, VendorFactory


class ContractFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contract

    program = factory.SubFactory(ProgramFactory)
    vendor = factory.SubFactory(VendorFactory)
    number = factory.Sequence(lambda n: f"C-{n:04d}")
    title = factory.Sequence(lambda n: f"Customer service {n}")
    start_date = date(2026, 1, 1)
    end_date = date(2027, 12, 31)
    currency = "USD"
    value = Decimal("2400000.00")
    monthly_fee = Decimal("100000.00")
    at_risk_pct = Decimal("10")


class ServiceLevelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceLevel

    contract = factory.SubFactory(ContractFactory)
    code = factory.Sequence(lambda n: f"SL{n}")
    name = factory.Sequence(lambda n: f"Service level {n}")
    kind = "sla"
    measure = "average"
    direction = "higher"
    expected = Decimal("80")
    minimum = Decimal("75")
    allocation_pct = Decimal("40")
    min_samples = 1


class SampleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sample

    service_level = factory.SubFactory(ServiceLevelFactory)
    reference = factory.Sequence(lambda n: f"R{n}")
    value = Decimal("1")


def contract_of_a(cast, **kwargs):
    """The one contract of program A with vendor X, active, built once per test (with a service level)."""
    existing = getattr(cast, "_contract_a", None)
    if existing is not None:
        return existing
    defaults = {
        "program": cast.program_a,
        "vendor": cast.vendor_x,
        "number": "CA-1",
        "status": ContractStatus.ACTIVE,
        "terms_version": 1,
        "internal_notes": "Walk-away price 90k",
    }
    defaults.update(kwargs)
    contract = ContractFactory(**defaults)
    ServiceLevelFactory(contract=contract, code="ASA20")
    cast._contract_a = contract
    return contract


def measured_contract(cast):
    """An active contract of program A with vendor X for 2026, with the service level ASA20
    (percent within 20): what the measurement intake and import tests send samples to."""
    contract = ContractFactory(
        program=cast.program_a,
        vendor=cast.vendor_x,
        status=ContractStatus.ACTIVE,
        terms_version=1,
        start_date=date(2026, 1, 1),
        end_date=date(2026, 12, 31),
    )
    ServiceLevelFactory(contract=contract, code="ASA20", measure="percent_within", threshold=Decimal("20"))
    return contract
