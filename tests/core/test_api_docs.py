"""The OpenAPI schema and the Swagger UI page: served from the site itself, no CDN."""

import re

import pytest
import yaml
from django.urls import reverse


@pytest.fixture
def staff_client(cast, client):
    client.force_login(cast.manager)
    return client


def test_schema_is_openapi_3_and_lists_the_endpoints(staff_client):
    response = staff_client.get(reverse("schema"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.oai.openapi")
    schema = yaml.safe_load(response.content)
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["title"] == "BPO Program Office API"
    assert {"/api/v1/programs/", "/api/v1/programs/{id}/", "/api/v1/vendors/", "/api/v1/vendors/{id}/"} <= set(
        schema["paths"]
    )


def test_schema_as_json_documents_token_auth_and_standardized_errors(staff_client):
    response = staff_client.get(reverse("schema"), {"format": "json"})
    assert response.status_code == 200
    schema = response.json()
    schemes = schema["components"]["securitySchemes"]
    assert any(s.get("type") == "apiKey" and s.get("name") == "Authorization" for s in schemes.values())
    patch = schema["paths"]["/api/v1/programs/{id}/"]["patch"]["responses"]
    assert {"400", "403", "404"} <= set(patch)


def test_docs_page_is_html_and_loads_nothing_from_outside_the_site(staff_client):
    response = staff_client.get(reverse("swagger-ui"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert "swagger-ui" in html
    assert "cdn" not in html.lower()
    refs = re.findall(r'<(?:script|link|img)\b[^>]*?(?:src|href)="([^"]*)"', html)
    assert refs
    for ref in refs:
        assert ref.startswith("/") and not ref.startswith("//"), ref
        assert "http" not in ref, ref


def test_docs_bootstrap_script_is_local_and_points_at_the_local_schema(staff_client):
    html = staff_client.get(reverse("swagger-ui")).content.decode()
    script_src = [s for s in re.findall(r'<script[^>]*src="([^"]*)"', html) if "script=" in s]
    assert script_src
    script = staff_client.get(script_src[0].replace("&amp;", "&"))
    assert script.status_code == 200
    body = script.content.decode()
    assert reverse("schema") in body
    assert not re.search(r"https?://(?!127\.0\.0\.1|localhost|testserver)", body)
    assert "cdn" not in body.lower()


def test_docs_static_assets_are_served_locally(staff_client):
    from django.contrib.staticfiles import finders

    html = staff_client.get(reverse("swagger-ui")).content.decode()
    for ref in re.findall(r'(?:src|href)="/static/([^"?]*)', html):
        assert finders.find(ref), ref
