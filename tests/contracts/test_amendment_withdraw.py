"""An approved amendment waiting for its day can be withdrawn by the program's managers (approved with
a wrong date, or dropped by the parties): before, nothing could undo it, and the contract took no
other amendment until it took effect."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from contracts import services
from contracts.models import ChangeRequest
from contracts.services.lifecycle import add_months
from contracts.terms_in_force import terms_on

D = Decimal


def _approved(cast, contract, terms, day):
    change = services.change_request_create(
        contract=contract, by=cast.contributor, title="Fee", description="d", proposed_terms=terms
    )
    services.change_request_assess(change=change, by=cast.manager)
    return services.change_request_decide(change=change, by=cast.manager, approve=True, effective_date=day)


def test_a_waiting_amendment_is_withdrawn_and_another_may_be_approved(cast, signed, today, client):
    wrong = today + timedelta(days=40)
    change = _approved(cast, signed, {"monthly_fee": "150000"}, wrong)
    client.force_login(cast.manager)
    url = reverse("contracts:change_detail", args=[change.pk])
    assert 'data-testid="withdraw-form"' in client.get(url).content.decode()
    with pytest.raises(PermissionDenied):
        services.amendment_withdraw(change=change, by=cast.contributor, reason="x")
    with pytest.raises(ValidationError) as raised:
        services.amendment_withdraw(change=change, by=cast.manager, reason=" ")
    assert "reason" in raised.value.message_dict
    response = client.post(url, {"step": "withdraw", "reason": "Wrong date: the parties agreed next month"})
    assert response.status_code == 302
    change.refresh_from_db()
    signed.refresh_from_db()
    assert (change.status, change.decision_comments) == ("withdrawn", "Wrong date: the parties agreed next month")
    assert change.effective_date == wrong
    assert (signed.terms_version, signed.versions.count(), services.pending_amendment(signed)) == (1, 1, None)
    assert terms_on(signed, add_months(wrong.replace(day=1), 1)).monthly_fee == D("100000.00")
    assert services.amendments_apply_due(today=wrong) == {"applied": 0, "failed": 0}
    signed.refresh_from_db()
    assert signed.monthly_fee == D("100000.00")
    # Another change may now be approved (it was refused while the first waited).
    right = _approved(cast, signed, {"monthly_fee": "150000"}, today + timedelta(days=5))
    assert right.status == "approved" and signed.versions.get(number=2).change_request_id == right.pk
    assert 'data-testid="withdraw-form"' not in client.get(url).content.decode()
    # Applied, or not waiting, an amendment cannot be withdrawn.
    applied = ChangeRequest.objects.get(pk=change.pk)
    with pytest.raises(ValidationError, match="still waiting for its day"):
        services.amendment_withdraw(change=applied, by=cast.manager, reason="again")


@pytest.mark.parametrize(("language", "shown"), [("en", "At-risk (%): 11"), ("zh-hans", "风险比例（%）: 11")])
def test_the_change_request_page_names_the_proposed_terms_by_label(cast, signed, client, language, shown):
    """It showed the field keys ('at_risk_pct: 11'), in Chinese too."""
    change = services.change_request_create(
        contract=signed, by=cast.contributor, title="Risk", description="d", proposed_terms={"at_risk_pct": "11"}
    )
    cast.manager.language = language
    cast.manager.save(update_fields=["language"])
    client.force_login(cast.manager)
    client.cookies["django_language"] = language
    page = client.get(reverse("contracts:change_detail", args=[change.pk])).content.decode()
    assert shown in page and "at_risk_pct" not in page.split('data-testid="proposed-at_risk_pct"')[1][:80]
