"""Counts a user types have business maxima, said next to the field (page) and on the field (API):
99999999999999999999 gave "Ensure this value is less than or equal to 9223372036854775807.", the
database's limit, on an audit's sample size and defects and a contingency plan's RTO/RPO hours
(user test 2026-11-27). Sample sizes and defects up to 1,000,000; RTO/RPO up to 8,760 hours (a
year); a response step within 525,600 minutes (a year)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from performance.models import QualityAudit
from risk import services
from risk.models import ContingencyPlan
from tests.performance.quality_helpers import standard
from tests.performance.test_quality_audit_validation import _data
from tests.strategy.test_program_pages import _field_block

HUGE = "99999999999999999999"


def _error(response, field, message):
    assert response.status_code == 200
    block = _field_block(response.content.decode(), field)
    assert "has-error" in block.split(">")[0] and message in block, block[:1500]
    assert "9223372036854775807" not in response.content.decode()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("sample_size", HUGE, "Enter a sample size up to 1,000,000."),
        ("sample_size", "1000001", "Enter a sample size up to 1,000,000."),
        ("defects", HUGE, "Enter a number of defects up to 1,000,000."),
    ],
)
def test_an_audits_counts_are_at_most_a_million(cast, client, field, value, message):
    std = standard(cast)
    client.force_login(cast.manager)
    data = _data(cast, std, **{field: value})
    _error(client.post(reverse("performance:quality_audit_create"), data), field, message)
    assert not QualityAudit.objects.exists()
    api = client.post(reverse("quality-audit-list"), data, content_type="application/json")
    assert api.status_code == 400, api.content
    errors = api.json()["errors"]
    assert [(e["attr"], e["detail"]) for e in errors] == [(field, message)]


def test_an_audit_of_a_million_samples_is_accepted(cast, client):
    std = standard(cast)
    client.force_login(cast.manager)
    data = _data(cast, std, sample_size="1000000", defects="1000")
    assert client.post(reverse("performance:quality_audit_create"), data).status_code == 302


@pytest.mark.parametrize("field", ["recovery_time_hours", "recovery_point_hours"])
@pytest.mark.parametrize("value", [HUGE, "8761"])
def test_recovery_objectives_are_at_most_a_year(cast, client, field, value):
    client.force_login(cast.manager)
    data = {"program": cast.program_a.pk, "title": "Site down", "scenario": "s", "triggers": "t", field: value}
    message = "Enter at most 8,760 hours (a year)."
    _error(client.post(reverse("risk:plan_create"), data), field, message)
    assert not ContingencyPlan.objects.exists()
    assert client.post(reverse("risk:plan_create"), {**data, field: "8760"}).status_code == 302


def test_a_response_step_is_within_a_year(cast):
    plan = services.plan_create(by=cast.manager, program=cast.program_a, title="Site down", scenario="s", triggers="t")
    with pytest.raises(ValidationError) as refused:
        services.plan_set_steps(
            plan=plan, by=cast.manager, steps=[{"who": "Ops", "action": "Call", "within_minutes": 525601}]
        )
    assert "Enter at most 525,600 minutes (a year)." in str(refused.value)
