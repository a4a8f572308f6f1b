""" "Not in the future" and "from today" follow the program's time zone, not the server's date: at
17:30 UTC on 26 November it is already 27 November in Shanghai, so a Shanghai program may record
the 27th (an audit, a communication sent, an improvement implemented) while a UTC program may not
yet; an unsent communication is due from the day it entered the plan, in the program's zone."""

from datetime import UTC, date, datetime
from decimal import Decimal
from unittest import mock

import pytest
from django.core.exceptions import ValidationError

from delivery import meetings
from performance.improvement import services as improvement
from strategy.models import Program
from tests.delivery.engagement_factories import communication_of_a
from tests.performance.quality_helpers import audit, standard

NOW = datetime(2026, 11, 26, 17, 30, tzinfo=UTC)  # 2026-11-27 01:30 in Shanghai
THE_27TH = date(2026, 11, 27)


@pytest.fixture
def shanghai(cast):
    Program.objects.filter(pk=cast.program_a.pk).update(time_zone="Asia/Shanghai")
    cast.program_a.refresh_from_db()
    with mock.patch("django.utils.timezone.now", return_value=NOW):
        yield cast


def _to_utc(cast):
    Program.objects.filter(pk=cast.program_a.pk).update(time_zone="UTC")
    cast.program_a.refresh_from_db()


def test_an_audit_on_the_programs_today_is_accepted(shanghai):
    cast = shanghai
    std = standard(cast)
    assert audit(cast, std, end=date(2026, 11, 20), audited_on=THE_27TH).audited_on == THE_27TH
    _to_utc(cast)
    with pytest.raises(ValidationError) as refused:
        audit(cast, std, end=date(2026, 11, 20), audited_on=THE_27TH)
    assert "audited_on" in refused.value.error_dict


def test_a_communication_sent_and_due_on_the_programs_today(shanghai):
    cast = shanghai
    never = communication_of_a(cast, last_sent_on=None)
    assert never.next_due_on == THE_27TH  # entered the plan on the 27th, Shanghai time
    comm = meetings.communication_mark_sent(communication=never, by=cast.manager)
    assert comm.last_sent_on == THE_27TH  # "today" when no date is given
    _to_utc(cast)
    assert communication_of_a(cast, last_sent_on=None).next_due_on == date(2026, 11, 26)
    with pytest.raises(ValidationError) as refused:
        meetings.communication_mark_sent(communication=comm, by=cast.manager, sent_on=THE_27TH)
    assert "sent_on" in refused.value.error_dict


def test_an_improvement_implemented_on_the_programs_today(shanghai):
    cast = shanghai

    def approved():
        data = {"program": cast.program_a, "title": "Automate matching", "benefit_unit": "hours/month"}
        item = improvement.initiative_create(by=cast.contributor, **data)
        item = improvement.initiative_update(initiative=item, by=cast.contributor, expected_benefit=Decimal("120"))
        return improvement.initiative_approve(initiative=item, by=cast.manager)

    first, second = approved(), approved()
    item = improvement.initiative_implement(initiative=first, by=cast.contributor)
    assert item.implemented_on == THE_27TH
    item = improvement.initiative_measure(
        initiative=item, by=cast.contributor, realized_benefit=Decimal("90"), note="n"
    )
    assert item.measured_on == THE_27TH
    _to_utc(cast)
    with pytest.raises(ValidationError) as refused:
        improvement.initiative_implement(initiative=second, by=cast.contributor, implemented_on=THE_27TH)
    assert "implemented_on" in refused.value.error_dict
