"""A report about one program reads the part of it its kind is about: finance and legal read every
program's money or contracts, its other records (plan, risks) only as members. So finance may ask
for any program's finance report or SLA results, legal for any program's contract register, but
neither for a program status or risk register of a program they are not a member of: refused next
to the program, as for any program the requester cannot read. It was accepted and printed a status
report with empty risk and milestone sections."""

import pytest
from django.core.exceptions import ValidationError

from bpo.accounts.models import ProgramMembership
from bpo.reports import services
from bpo.reports.models import ReportRequest

from .conftest import OCTOBER

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", ["finance", "legal"])
@pytest.mark.parametrize("kind", ["program_status", "risk_register"])
def test_a_program_s_records_need_membership(cast, role, kind):
    user = getattr(cast, role)
    with pytest.raises(ValidationError) as refused:
        services.report_request(by=user, kind=kind, program=cast.program_a)
    assert refused.value.message_dict["program"] == ["You cannot see this record."]
    assert not ReportRequest.objects.filter(requested_by=user).exists()
    ProgramMembership.objects.create(program=cast.program_a, user=user, role="viewer")
    assert services.report_request(by=user, kind=kind, program=cast.program_a).program == cast.program_a


def test_money_and_contracts_of_every_program(cast):
    finance = services.report_request(
        by=cast.finance, kind="finance", program=cast.program_a, period_start=OCTOBER, period_end=OCTOBER
    )
    assert finance.program == cast.program_a
    assert services.report_request(by=cast.finance, kind="sla_results", program=cast.program_a, fmt="csv")
    assert services.report_request(by=cast.legal, kind="contract_register", program=cast.program_a)
    with pytest.raises(ValidationError) as refused:
        services.report_request(
            by=cast.legal, kind="finance", program=cast.program_a, period_start=OCTOBER, period_end=OCTOBER
        )
    assert "program" in refused.value.message_dict
