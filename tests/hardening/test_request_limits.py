"""Malformed requests from a signed-in user are refused, not answered 500: a body over
DATA_UPLOAD_MAX_MEMORY_SIZE is 413 (the API in its error shape, pages with a page that says so), a form
with more fields than Django reads and a JSON body nested too deep are 400 parse_error."""

import json

import pytest
from django.test import Client

from bpo.core.drf import MAX_JSON_DEPTH
from tests.risk.test_register import make_risk

TOO_LARGE_API = "The request body is larger than the server accepts (2.5 MB)."
TOO_DEEP = f"The request body is nested too deeply (more than {MAX_JSON_DEPTH} levels of arrays and objects)."


@pytest.fixture
def risk(cast):
    return make_risk(cast)


def _api_error(response):
    return response.status_code, response.json()


def test_a_body_over_the_upload_limit_is_413_in_the_api_error_shape(cast, client, risk):
    client.force_login(cast.manager)
    body = json.dumps({"treatment_plan": "A" * 3_000_000})
    response = client.patch(f"/api/v1/risks/{risk.pk}/", body, content_type="application/json")
    assert _api_error(response) == (
        413,
        {"type": "client_error", "errors": [{"code": "request_too_large", "detail": TOO_LARGE_API, "attr": None}]},
    )
    risk.refresh_from_db()
    assert risk.treatment_plan == ""


def test_the_413_is_in_the_callers_language(cast, client, risk):
    cast.manager.language = "zh-hans"
    cast.manager.save(update_fields=["language"])
    client.force_login(cast.manager)
    response = client.post("/api/v1/risks/", "x" * 3_000_000, content_type="application/json")
    assert response.status_code == 413
    assert response.json()["errors"][0]["detail"] == "请求正文超过了服务器接受的大小（2.5 MB）。"


def test_a_form_body_with_too_many_fields_is_400_parse_error(cast, client, risk):
    client.force_login(cast.manager)
    body = "&".join(f"f{i}=1" for i in range(1200))
    response = client.patch(f"/api/v1/risks/{risk.pk}/", body, content_type="application/x-www-form-urlencoded")
    assert _api_error(response) == (
        400,
        {
            "type": "client_error",
            "errors": [
                {
                    "code": "parse_error",
                    "detail": "The request has more fields or files than the server reads.",
                    "attr": None,
                }
            ],
        },
    )


@pytest.mark.parametrize(
    "body",
    [
        '{"note": ' + "[" * 100_000 + "]" * 100_000 + "}",  # past the decoder's stack: RecursionError
        '{"note": ' + '{"a": ' * 5_000 + "1" + "}" * 5_000 + "}",
    ],
    ids=["arrays-100000", "objects-5000"],
)
def test_a_json_body_nested_too_deep_is_400_parse_error(cast, client, risk, body):
    client.force_login(cast.manager)
    response = client.patch(f"/api/v1/risks/{risk.pk}/", body, content_type="application/json")
    assert _api_error(response) == (
        400,
        {"type": "client_error", "errors": [{"code": "parse_error", "detail": TOO_DEEP, "attr": None}]},
    )


def test_the_depth_limit_counts_every_array_and_object(cast, client, risk):
    """MAX_JSON_DEPTH levels are read (the object and MAX_JSON_DEPTH - 1 arrays in it); one more is
    refused, though the decoder reads it."""
    client.force_login(cast.manager)
    url = f"/api/v1/risks/{risk.pk}/"
    arrays = MAX_JSON_DEPTH - 1
    body = '{"title": "Nested", "note": ' + "[" * arrays + "]" * arrays + "}"
    # Parsed: it reaches the serializer, which refuses `note` (a risk has no such field).
    read = client.patch(url, body, content_type="application/json").json()
    assert [(e["code"], e["attr"]) for e in read["errors"]] == [("unknown_field", "note")]
    deeper = '{"title": "Deeper", "note": ' + "[" * (arrays + 1) + "]" * (arrays + 1) + "}"
    response = client.patch(url, deeper, content_type="application/json")
    assert _api_error(response) == (
        400,
        {"type": "client_error", "errors": [{"code": "parse_error", "detail": TOO_DEEP, "attr": None}]},
    )
    risk.refresh_from_db()
    assert risk.title == "Key vendor insolvency"


def test_a_staff_form_over_the_limit_answers_a_413_page(cast, client, risk):
    client.force_login(cast.manager)
    response = client.post(f"/risk/risks/{risk.pk}/edit/", {"treatment_plan": "A" * 3_000_000})
    assert response.status_code == 413
    page = response.content.decode()
    assert "What you sent is too large" in page and "2.5" in page and "nothing was saved" in page
    risk.refresh_from_db()
    assert risk.treatment_plan == ""


@pytest.mark.parametrize("user", [None, "vendor_x_admin"])
def test_a_portal_post_over_the_limit_answers_a_413_page(cast, user):
    """With CSRF checks on, as a browser meets them: the CSRF middleware reads the form before the view."""
    client = Client(enforce_csrf_checks=True)
    if user:
        client.force_login(getattr(cast, user))
    url = "/portal/login/" if user is None else "/portal/notifications/"
    assert client.get(url).status_code == 200  # the CSRF cookie, as the browser holds it
    body = "x=" + "A" * 3_000_000
    response = client.post(url, body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 413
    assert "What you sent is too large" in response.content.decode()


def test_the_schema_documents_413_on_writes(db):
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    risk = schema["paths"]["/api/v1/risks/{id}/"]
    assert "413" in risk["patch"]["responses"] and "413" in risk["put"]["responses"]
    assert "413" in schema["paths"]["/api/v1/risks/"]["post"]["responses"]
    assert "413" not in risk["get"]["responses"]
    ref = risk["patch"]["responses"]["413"]["content"]["application/json"]["schema"]["$ref"]
    component = schema["components"]["schemas"][ref.rsplit("/", 1)[1]]
    assert set(component["properties"]) == {"type", "errors"}
