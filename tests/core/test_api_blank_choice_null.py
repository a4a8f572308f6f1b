"""A choice not set yet (a risk not assessed has no level) answers null, and the schema says the
field is nullable: it answered "", which the schema's enum (low / medium / high / critical) does
not allow, so a client validating the answer against the schema rejected it."""

from django.core.management import call_command
from django.urls import reverse


def test_a_risk_not_assessed_answers_null_levels_and_the_schema_allows_it(cast, client, tmp_path):
    client.force_login(cast.contributor)
    created = client.post(
        reverse("risk-list"),
        {"program": cast.program_a.pk, "title": "t", "category": "operational", "event": "e"},
        content_type="application/json",
    )
    assert created.status_code == 201
    body = created.json()
    assert body["inherent_level"] is None and body["residual_level"] is None
    assert client.get(reverse("risk-detail", args=[body["id"]])).json()["residual_level"] is None
    assessed = client.post(
        reverse("risk-assess", args=[body["id"]]),
        {"inherent_likelihood": 4, "inherent_impact": 5, "residual_likelihood": 2, "residual_impact": 3},
        content_type="application/json",
    )
    assert assessed.status_code == 201
    assert client.get(reverse("risk-detail", args=[body["id"]])).json()["inherent_level"] == "critical"

    import json

    out = tmp_path / "schema.json"
    call_command("spectacular", "--format", "openapi-json", "--file", str(out))
    schemas = json.loads(out.read_text())["components"]["schemas"]
    for name in ("inherent_level", "residual_level"):
        field = schemas["Risk"]["properties"][name]
        assert field["nullable"] is True and field["readOnly"] is True
        assert {"$ref": "#/components/schemas/RiskLevelEnum"} in field["oneOf"]
    assert "" not in schemas["RiskLevelEnum"]["enum"]


def test_every_read_only_blank_choice_of_a_model_serializer_is_nullable():
    """The shared depth: any ModelSerializer's read-only choice field over a blank model field."""
    from bpo.core.serializer_fields import BlankAsNullChoiceField
    from risk.api.serializers import RiskSerializer

    fields = RiskSerializer().fields
    for name in ("inherent_level", "residual_level"):
        assert isinstance(fields[name], BlankAsNullChoiceField) and fields[name].allow_null
        assert fields[name].to_representation("") is None
    assert not isinstance(fields["category"], BlankAsNullChoiceField)  # not blank: unchanged
