"""GET /api/v1/sourcing-events/{id}/ranking/ answers the price, the points and the total as decimal
strings with 2 places, as every amount of the API ("100000.00"); they were JSON floats (100000.0)."""

from decimal import Decimal

from vendors.models import Criterion
from vendors.services import evaluator_submit, score_save

from ..vendors.world import make_event, make_proposal


def test_the_ranking_answers_decimal_strings(cast, client):
    event = make_event(cast, invite=("vendor_x", "vendor_y"))
    x = make_proposal(event, cast.vendor_x, price="100000")
    y = make_proposal(event, cast.vendor_y, price="125000")
    quality = Criterion.objects.get(event=event, name="Quality")
    price = Criterion.objects.get(event=event, is_price=True)
    score_save(proposal=x, criterion=quality, by=cast.evaluator, score=Decimal("7.5"))
    score_save(proposal=y, criterion=quality, by=cast.evaluator, score=Decimal("8"))
    evaluator_submit(event=event, by=cast.evaluator)
    client.force_login(cast.manager)
    response = client.get(f"/api/v1/sourcing-events/{event.pk}/ranking/")
    assert response.status_code == 200
    rows = [{k: row[k] for k in ("proposal", "price", "points", "total")} for row in response.json()["rows"]]
    assert rows == [
        {
            "proposal": x.pk,
            "price": "100000.00",
            "points": {str(quality.pk): "45.00", str(price.pk): "40.00"},
            "total": "85.00",
        },
        {
            "proposal": y.pk,
            "price": "125000.00",
            "points": {str(quality.pk): "48.00", str(price.pk): "32.00"},
            "total": "80.00",
        },
    ]


def test_the_schema_describes_them_as_decimal_strings(db):
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    row = schema["components"]["schemas"]["RankingRow"]["properties"]
    assert row["price"]["type"] == "string" and row["price"]["format"] == "decimal"
    assert row["total"]["type"] == "string" and row["points"]["additionalProperties"]["type"] == "string"
