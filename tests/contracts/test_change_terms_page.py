"""The change request page: the cost impact printed as money (240,000.00 USD, not 240000.00), and
its markup: one id per element (the assessment and the decision forms both have an effective date:
two id="id_effective_date"), no label for="" (the Decision radios are a group with a legend), and
each aria-describedby naming an element of the page (it named id_…_helptext, the help was id_…-help)."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from contracts import services


@pytest.fixture
def assessed(cast, signed_without_levels):
    change = services.change_request_create(
        contract=signed_without_levels,
        by=cast.contributor,
        title="Fee",
        description="d",
        proposed_terms={"monthly_fee": "120000"},
    )
    return services.change_request_assess(change=change, by=cast.manager, cost_impact=Decimal("240000"))


def _check_markup(page):
    ids = re.findall(r'\sid="([^"]*)"', page)
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    assert 'for=""' not in page
    described = [i for value in re.findall(r'aria-describedby="([^"]*)"', page) for i in value.split()]
    assert described and set(described) <= set(ids), set(described) - set(ids)


def test_the_cost_impact_is_printed_as_money(cast, client, assessed):
    client.force_login(cast.manager)
    page = client.get(reverse("contracts:change_detail", args=[assessed.pk])).content.decode()
    shown = page.split('data-testid="cost-impact">')[1].split("<")[0]
    assert shown == "240,000.00 USD"


def test_the_change_request_page_has_unique_ids_and_matching_descriptions(cast, client, assessed):
    client.force_login(cast.manager)
    page = client.get(reverse("contracts:change_detail", args=[assessed.pk])).content.decode()
    assert 'id="id_assess_effective_date"' in page and 'id="id_decide_effective_date"' in page
    assert "<legend>Decision</legend>" in page
    _check_markup(page)


def test_a_refused_form_names_its_help_and_its_errors(cast, client, assessed):
    """With an error, the field's description names the help and the error, both on the page."""
    client.force_login(cast.manager)
    response = client.post(
        reverse("contracts:change_create", args=[assessed.contract_id]),
        {"title": "x", "description": "d", "proposed_terms": "colour: red"},
    )
    page = response.content.decode()
    assert 'aria-describedby="id_proposed_terms_helptext id_proposed_terms_error"' in page
    _check_markup(page)
