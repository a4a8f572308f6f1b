"""A record the user may not see answers exactly as one that does not exist: a filter on a hidden
period or service level, and a write naming a hidden program, are a 400 on that field (they were
200 with no rows, and 403, while a missing id was a 400: which hidden records exist showed)."""

import re
from datetime import date

import pytest
from rest_framework.test import APIClient

from contracts.choices import ContractStatus
from performance.models import Period
from tests.contracts.factories import ContractFactory, ServiceLevelFactory, contract_of_a

MISSING = 999999


def _period(contract):
    return Period.objects.create(
        contract=contract, kind="monthly", start=date(2026, 1, 1), end=date(2026, 2, 1), status="provisional"
    )


def _api(user):
    api = APIClient()
    api.force_authenticate(user)
    return api


def _errors(response):
    """The errors, each with any id in it masked (DRF names the id it did not find)."""
    return [(e["attr"], e["code"], re.sub(r"\d+", "N", e["detail"])) for e in response.json()["errors"]]


def test_vendor_filter_on_another_vendors_period_or_service_level_is_a_400_like_a_missing_one(cast):
    mine = contract_of_a(cast)
    theirs = ContractFactory(program=cast.program_b, vendor=cast.vendor_y, number="CY-1", status=ContractStatus.ACTIVE)
    their_level = ServiceLevelFactory(contract=theirs, code="AHT")
    api = _api(cast.vendor_x_admin)
    for name, hidden, own in (
        ("period", _period(theirs).pk, _period(mine).pk),
        ("service_level", their_level.pk, mine.service_levels.get().pk),
    ):
        assert api.get("/api/v1/sla-results/", {name: own}).status_code == 200
        hidden_answer = api.get("/api/v1/sla-results/", {name: hidden})
        missing_answer = api.get("/api/v1/sla-results/", {name: MISSING})
        assert hidden_answer.status_code == missing_answer.status_code == 400, name
        assert _errors(hidden_answer) == _errors(missing_answer)


@pytest.mark.parametrize("endpoint", ["budget-lines", "milestones", "objectives", "risks"])
def test_manager_writing_to_a_program_they_cannot_see_gets_the_missing_record_400(cast, endpoint):
    api = _api(cast.manager)  # a manager of program A; program B is the outsider's
    hidden = api.post(f"/api/v1/{endpoint}/", {"program": cast.program_b.pk}, format="json")
    missing = api.post(f"/api/v1/{endpoint}/", {"program": MISSING}, format="json")
    assert hidden.status_code == missing.status_code == 400, hidden.content
    program_errors = [e for e in _errors(hidden) if e[0] == "program"]
    assert program_errors and program_errors == [e for e in _errors(missing) if e[0] == "program"]
    assert _errors(hidden) == _errors(missing)


def test_sla_results_contract_filter_keeps_the_contracts_results_and_a_hidden_one_answers_as_missing(cast):
    from decimal import Decimal as D

    from django.utils import timezone

    from performance.models import Result

    mine = contract_of_a(cast)
    other = ContractFactory(program=cast.program_a, vendor=cast.vendor_x, number="CX-2", status=ContractStatus.ACTIVE)
    theirs = ContractFactory(program=cast.program_b, vendor=cast.vendor_y, number="CY-1", status=ContractStatus.ACTIVE)
    for contract in (mine, other, theirs):
        level = contract.service_levels.first() or ServiceLevelFactory(contract=contract, code="AHT")
        Result.objects.create(
            period=_period(contract), service_level=level, value=D("80"), sample_count=1, state="met",
            expected=D("80"), minimum=D("75"), direction="higher", computed_at=timezone.now(),
        )  # fmt: skip
    api = _api(cast.vendor_x_admin)
    every = api.get("/api/v1/sla-results/").json()["results"]
    assert {r["contract"] for r in every} == {mine.pk, other.pk}
    for value in (mine.pk, mine.number):
        only = api.get("/api/v1/sla-results/", {"contract": value}).json()["results"]
        assert [r["contract"] for r in only] == [mine.pk]
    assert api.get("/api/v1/sla-results/", {"contract": mine.pk, "period_from": "2026-02-01"}).json()["results"] == []
    hidden_answer = api.get("/api/v1/sla-results/", {"contract": theirs.pk})
    missing_answer = api.get("/api/v1/sla-results/", {"contract": MISSING})
    assert hidden_answer.status_code == missing_answer.status_code == 400
    assert _errors(hidden_answer) == _errors(missing_answer)
    assert "CY-1" not in hidden_answer.content.decode()
