"""The complaint form and the quality review's action page offer as owner only those who may own
a corrective action of that program (risk.selectors.action_owners: its staff, users of the vendor
of the contract), not every staff user and every vendor of any program the user edits (user test
2026-11-27)."""

from datetime import date

from django.urls import reverse

from performance.quality import services
from tests.contracts.factories import contract_of_a
from tests.risk.test_register import tie_vendor


def _owners(client, url):
    return set(client.get(url).context["form"].fields["owner"].queryset)


def test_complaint_form_offers_only_people_of_the_programs_the_user_edits(cast, client):
    contract_of_a(cast)  # vendor X holds a contract in program A
    client.force_login(cast.manager)
    owners = _owners(client, reverse("performance:quality_complaint_action"))
    assert {cast.manager, cast.contributor, cast.vendor_x_user} <= owners
    assert cast.outsider not in owners  # staff of program B only
    assert cast.vendor_y_admin not in owners  # vendor Y holds no contract in program A


def test_complaint_form_refuses_an_owner_not_of_the_chosen_contract(cast, client):
    tie_vendor(cast.program_a, cast.vendor_y)
    client.force_login(cast.manager)
    url = reverse("performance:quality_complaint_action")
    data = {
        "program": cast.program_a.pk,
        "contract": contract_of_a(cast).pk,
        "title": "Refunds",
        "problem": "Refund took 40 days",
        "due_date": "2099-03-15",
    }
    for owner in (cast.vendor_y_admin, cast.outsider):
        page = client.post(url, {**data, "owner": owner.pk})
        assert page.status_code == 200 and page.context["form"].errors["owner"], owner
        assert owner not in set(page.context["form"].fields["owner"].queryset)
    assert client.post(url, {**data, "owner": cast.vendor_x_user.pk}).status_code == 302


def test_review_action_offers_the_reviewed_contracts_vendor_only(cast, client):
    tie_vendor(cast.program_a, cast.vendor_y)
    review = services.review_create(
        by=cast.manager,
        program=cast.program_a,
        contract=contract_of_a(cast),
        title="January quality review",
        period_start=date(2026, 1, 1),
        period_end=date(2026, 1, 31),
        held_on=date(2026, 2, 5),
        rating="concerns",
        findings="VAT codes wrong",
    )
    client.force_login(cast.manager)
    owners = _owners(client, reverse("performance:quality_review_action", args=[review.pk]))
    assert {cast.manager, cast.contributor, cast.vendor_x_user} <= owners
    assert cast.vendor_y_admin not in owners and cast.outsider not in owners
