"""The contract API says whether a contract's invoices count against its program's budget: not when
the contract is in another currency than the program's (no exchange rates; the contract page warns).
Computed from the program selected with the contract (no query per row), in the OpenAPI schema,
and null for vendor users (the client's budget is not theirs to see). Program A budgets in USD."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from drf_spectacular.generators import SchemaGenerator

from .factories import ContractFactory


def _contracts(cast, n, start):
    for i in range(n):
        ContractFactory(
            program=cast.program_a,
            vendor=cast.vendor_x,
            number=f"CUR-{start + i:03d}",
            status="active",
            currency="EUR" if i % 2 else "USD",
        )


def _list(client):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/api/v1/contracts/?page_size=100&program=" + str(client.program.pk))
    assert response.status_code == 200
    return {c["number"]: c["counted_against_budget"] for c in response.json()["results"]}, len(ctx.captured_queries)


def test_the_contract_api_tells_a_contract_in_another_currency_is_not_counted_against_the_budget(cast, client):
    client.program = cast.program_a
    client.force_login(cast.manager)
    _contracts(cast, 2, 0)
    few, few_queries = _list(client)
    assert few == {"CUR-000": True, "CUR-001": False}
    _contracts(cast, 20, 100)
    many, many_queries = _list(client)
    assert len(many) == 22 and many["CUR-101"] is False and many["CUR-100"] is True
    assert many_queries == few_queries
    eur = ContractFactory(program=cast.program_a, vendor=cast.vendor_x, number="ONE-EUR", currency="EUR")
    assert client.get(f"/api/v1/contracts/{eur.pk}/").json()["counted_against_budget"] is False


def test_a_vendor_user_gets_null_for_counted_against_budget(cast, client):
    _contracts(cast, 2, 0)
    client.force_login(cast.vendor_x_admin)
    results = client.get("/api/v1/contracts/").json()["results"]
    assert results and all(c["counted_against_budget"] is None for c in results)


def test_counted_against_budget_is_in_the_openapi_schema_read_only(db):
    schema = SchemaGenerator().get_schema(request=None, public=True)
    field = schema["components"]["schemas"]["Contract"]["properties"]["counted_against_budget"]
    assert field["type"] == "boolean" and field["readOnly"] and field["nullable"]
    assert "currency" in field["description"]
