"""Quality audits refuse impossible dates and sizes next to the field (page) and with a 400 (API):
audited in the future or before the last sampled day, sampled before the contract started, several
errors at once without the database constraint's raw text; one sample-size message; the list's
date range in order."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from performance.models import QualityAudit
from tests.contracts.factories import contract_of_a

from .quality_helpers import audit, standard


def _data(cast, std, **changes):
    data = {
        "standard": std.pk,
        "contract": contract_of_a(cast).pk,
        "period_start": "2026-01-01",
        "period_end": "2026-01-31",
        "audited_on": "2026-02-03",
        "auditor": cast.contributor.pk,
        "sample_size": "10",
        "defects": "1",
        "findings": "Typed findings",
    }
    data.update(changes)
    return data


def _post_page(client, data):
    response = client.post(reverse("performance:quality_audit_create"), data)
    assert response.status_code == 200
    return response.content.decode()


def _field_error(page, name):
    """The error text shown in the field block of `name`."""
    block = page.split(f'name="{name}"')[1].split('<div class="field')[0]
    return block


TOMORROW = (timezone.localdate() + timedelta(days=1)).isoformat()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"audited_on": "2099-01-01"}, "audited_on", "The audit date cannot be in the future."),
        ({"audited_on": TOMORROW}, "audited_on", "The audit date cannot be in the future."),
        ({"audited_on": "2026-01-15"}, "audited_on", "The audit cannot be before the last sampled day (2026-01-31)."),
        (
            {"period_start": "2025-12-01"},
            "period_start",
            "The contract starts on 2026-01-01: the sample cannot start before.",
        ),
        ({"sample_size": "-5"}, "sample_size", "The sample must hold at least one item."),
        ({"sample_size": "0"}, "sample_size", "The sample must hold at least one item."),
    ],
)
def test_audit_page_refuses_next_to_the_field(cast, client, changes, field, message):
    std = standard(cast)
    client.force_login(cast.contributor)
    page = _post_page(client, _data(cast, std, **changes))
    assert message in _field_error(page, field)
    assert "Typed findings" in page and not QualityAudit.objects.exists()


def test_several_errors_show_each_next_to_its_field_never_the_constraint(cast, client):
    std = standard(cast)
    client.force_login(cast.contributor)
    page = _post_page(
        client, _data(cast, std, sample_size="10", defects="50", period_start="2026-01-31", period_end="2026-01-01")
    )
    assert "Constraint" not in page and "quality_audit_period_order" not in page
    assert "There cannot be more defects than samples." in _field_error(page, "defects")
    assert "The sampled period ends before it starts." in _field_error(page, "period_end")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"audited_on": "2099-01-01"}, "audited_on"),
        ({"audited_on": "2026-01-15"}, "audited_on"),
        ({"period_start": "2025-12-01"}, "period_start"),
        ({"sample_size": -5}, "sample_size"),
        ({"sample_size": 0}, "sample_size"),
    ],
)
def test_audit_api_refuses_with_a_400_on_the_field(cast, client, changes, field):
    std = standard(cast)
    client.force_login(cast.contributor)
    data = _data(cast, std, **changes)
    data.pop("auditor")
    response = client.post(reverse("quality-audit-list"), data, content_type="application/json")
    assert response.status_code == 400, response.content
    assert field in response.content.decode()
    if field == "sample_size":
        assert "The sample must hold at least one item." in response.content.decode()
    assert not QualityAudit.objects.exists()


def test_the_service_refuses_an_audit_in_the_future(cast):
    std = standard(cast)
    with pytest.raises(ValidationError) as refused:
        audit(cast, std, audited_on=timezone.localdate() + timedelta(days=1))
    assert "audited_on" in refused.value.error_dict


def test_audit_list_refuses_a_reversed_date_range(cast, client):
    std = standard(cast)
    audit(cast, std, end=date(2026, 1, 31))
    client.force_login(cast.contributor)
    url = reverse("performance:quality_audit_list")
    page = client.get(url, {"audited_from": "2026-03-01", "audited_to": "2026-01-01"}).content.decode()
    assert "The end of the range cannot be before its start." in page
    ok = client.get(url, {"audited_from": "2026-01-01", "audited_to": "2026-03-01"}).content.decode()
    assert "The end of the range cannot be before its start." not in ok and "QA-" in ok
    api = client.get(reverse("quality-audit-list"), {"audited_from": "2026-03-01", "audited_to": "2026-01-01"})
    assert api.status_code == 400 and "audited_to" in api.content.decode()
