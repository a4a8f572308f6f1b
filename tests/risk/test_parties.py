"""Who a risk or a corrective action may name (user test 2026-11-27): no other vendor's people,
no vendor without a contract in the program, no owner who cannot see the program. The form
offers only those, the services (so the API) refuse the others on the field, and the portal
shows a vendor nothing of another vendor's contract even when such a row was saved before."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from risk import services
from risk.choices import ActionSource
from risk.models import CorrectiveAction, Risk
from tests.contracts.factories import ContractFactory

from .test_register import make_risk, tie_vendor


@pytest.fixture
def apex_action(cast):
    """A corrective action about vendor X's contract in program A; vendor Y also holds a contract
    there (so "a vendor of the program" is not enough: the owner's vendor must be the contract's)."""
    contract = ContractFactory(program=cast.program_a, vendor=cast.vendor_x, number="CX-1")
    tie_vendor(cast.program_a, cast.vendor_y)
    return services.action_create(
        by=cast.manager,
        program=cast.program_a,
        source=ActionSource.COMPLAINT,
        contract=contract,
        title="Breach of ASA20",
        problem="Measured 70.8 against 80",
        owner=cast.contributor,
        due_date=timezone.localdate() + datetime.timedelta(days=10),
    )


def _action_form(action, **changes):
    data = {
        "title": action.title,
        "problem": action.problem,
        "owner": action.owner_id,
        "due_date": action.due_date.isoformat(),
    }
    return {**data, **changes}


def test_action_owner_list_offers_program_staff_and_the_contract_vendor_only(cast, client, apex_action):
    client.force_login(cast.manager)
    url = reverse("risk:action_update", args=[apex_action.pk])
    owners = set(client.get(url).context["form"].fields["owner"].queryset)
    assert {cast.manager, cast.contributor, cast.vendor_x_user, cast.admin} <= owners
    assert cast.vendor_y_admin not in owners  # another vendor of the program
    assert cast.outsider not in owners  # staff of another program only
    page = client.post(url, _action_form(apex_action, owner=cast.vendor_y_admin.pk))
    assert page.status_code == 200 and page.context["form"].errors["owner"]
    apex_action.refresh_from_db()
    assert apex_action.owner == cast.contributor and apex_action.vendor_id is None
    assert client.post(url, _action_form(apex_action, owner=cast.vendor_x_user.pk)).status_code == 302
    apex_action.refresh_from_db()
    assert apex_action.vendor_id == cast.vendor_x.pk


def test_action_service_refuses_another_vendor_and_outside_staff(cast, apex_action):
    for owner in (cast.vendor_y_admin, cast.outsider):
        with pytest.raises(ValidationError) as refused:
            services.action_update(action=apex_action, by=cast.manager, owner=owner)
        assert "owner" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        services.action_create(
            by=cast.manager,
            program=cast.program_a,
            source=ActionSource.COMPLAINT,
            contract=apex_action.contract,
            title="Again",
            problem="x",
            owner=cast.vendor_y_admin,
            due_date=timezone.localdate(),
        )
    assert "owner" in refused.value.message_dict


def test_portal_never_shows_another_vendors_contract_even_if_assigned_before(cast, client, apex_action):
    # A row saved before the rule: vendor Y's user owns an action about vendor X's contract.
    CorrectiveAction.objects.filter(pk=apex_action.pk).update(owner=cast.vendor_y_admin, vendor=cast.vendor_y)
    client.force_login(cast.vendor_y_admin)
    assert client.get(reverse("portal:capa_detail", args=[apex_action.pk])).status_code == 404
    assert "Breach of ASA20" not in client.get(reverse("portal:capa_list")).content.decode()
    assert not CorrectiveAction.objects.for_vendor(cast.vendor_y.pk).exists()
    # ... nor one without a contract in a program where the vendor holds none.
    CorrectiveAction.objects.filter(pk=apex_action.pk).update(program=cast.program_b, contract=None)
    assert not CorrectiveAction.objects.for_vendor(cast.vendor_y.pk).exists()


def test_risk_vendor_must_hold_a_contract_in_the_program(cast, client):
    tie_vendor(cast.program_a, cast.vendor_x)
    risk = make_risk(cast, title="Typhoon")
    client.force_login(cast.manager)
    response = client.patch(
        reverse("risk-detail", args=[risk.pk]),
        {"vendor": cast.vendor_y.pk, "shared_with_vendor": True},
        content_type="application/json",
    )
    assert response.status_code == 400 and "vendor" in str(response.json())
    risk.refresh_from_db()
    assert risk.vendor_id is None and not risk.shared_with_vendor
    form = client.get(reverse("risk:risk_create"), {"program": cast.program_a.pk}).context["form"]
    assert list(form.fields["vendor"].queryset) == [cast.vendor_x]
    form = client.get(reverse("risk:risk_update", args=[risk.pk])).context["form"]
    assert list(form.fields["vendor"].queryset) == [cast.vendor_x]
    with pytest.raises(ValidationError) as refused:
        services.risk_update(risk=risk, by=cast.manager, vendor=cast.vendor_y)
    assert "vendor" in refused.value.message_dict
    ok = client.patch(
        reverse("risk-detail", args=[risk.pk]),
        {"vendor": cast.vendor_x.pk, "shared_with_vendor": True},
        content_type="application/json",
    )
    assert ok.status_code == 200, ok.json()


def test_portal_hides_a_risk_shared_with_a_vendor_of_no_contract_in_its_program(cast, client):
    risk = make_risk(cast, title="Typhoon closes the centre")
    Risk.objects.filter(pk=risk.pk).update(vendor=cast.vendor_y, shared_with_vendor=True)  # saved before the rule
    client.force_login(cast.vendor_y_admin)
    assert client.get(reverse("portal:risk_detail", args=[risk.pk])).status_code == 404
    assert "Typhoon" not in client.get(reverse("portal:risk_list")).content.decode()


def test_risk_owner_must_see_the_program(cast, client):
    risk = make_risk(cast, title="Attrition")
    client.force_login(cast.manager)
    response = client.patch(
        reverse("risk-detail", args=[risk.pk]), {"owner": cast.outsider.pk}, content_type="application/json"
    )
    assert response.status_code == 400 and "owner" in response.json().get("errors", response.json()).__str__()
    risk.refresh_from_db()
    assert risk.owner == cast.manager
    owners = set(client.get(reverse("risk:risk_update", args=[risk.pk])).context["form"].fields["owner"].queryset)
    assert {cast.manager, cast.contributor, cast.viewer, cast.admin, cast.executive} <= owners
    assert cast.outsider not in owners
    with pytest.raises(ValidationError) as refused:
        services.risk_create(
            by=cast.manager, program=cast.program_a, title="x", category="legal", event="y", owner=cast.outsider
        )
    assert "owner" in refused.value.message_dict
    assert services.risk_update(risk=risk, by=cast.manager, owner=cast.contributor).owner == cast.contributor
