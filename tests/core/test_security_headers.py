"""Content-Security-Policy and the other security headers on every kind of page."""

import pytest
from django.urls import reverse

from bpo.core import tasks

PAGES = [
    ("manager", "core:home"),
    ("manager", "strategy:program_list"),
    ("manager", "vendors:vendor_list"),
    ("manager", "accounts:profile"),
    ("admin", "accounts:user_list"),
    ("vendor_x_admin", "portal:home"),
    ("vendor_x_admin", "portal:users"),
    (None, "accounts:login"),
    (None, "portal:login"),
]


def _directives(header):
    out = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            out[words[0]] = words[1:]
    return out


@pytest.mark.parametrize("role, url_name", PAGES)
def test_pages_send_a_strict_csp_and_security_headers(cast, client, role, url_name):
    if role:
        client.force_login(getattr(cast, role))
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    csp = _directives(response["Content-Security-Policy"])
    assert csp["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in csp["script-src"] and "'unsafe-eval'" not in csp["script-src"]
    assert csp["default-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.parametrize("role, url_name", PAGES)
def test_pages_have_no_inline_scripts(cast, client, role, url_name):
    import re

    if role:
        client.force_login(getattr(cast, role))
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    html = response.content.decode()
    scripts = re.findall(r"<script\b([^>]*)>", html)
    assert scripts, "every page loads its scripts from files"
    for attrs in scripts:
        src = re.search(r'src="([^"]*)"', attrs)
        assert src, f"inline script: <script{attrs}>"
        assert src.group(1).startswith("/static/"), src.group(1)


def test_error_pages_carry_the_headers_too(cast, client):
    client.force_login(cast.manager)
    missing = reverse("strategy:program_detail", args=[999999])
    for path, status in ((missing, 404), (reverse("accounts:user_list"), 403)):
        response = client.get(path)
        assert response.status_code == status
        assert "script-src 'self'" in response["Content-Security-Policy"]
        assert response["X-Frame-Options"] == "DENY"


def test_json_endpoints_send_nosniff(cast, client):
    tasks.heartbeat()
    client.force_login(cast.manager)
    for path in ("/healthz", "/api/v1/programs/"):
        assert client.get(path)["X-Content-Type-Options"] == "nosniff"


def test_only_the_api_docs_relax_style_src_and_never_script_src(client, db):
    docs = _directives(client.get("/api/docs/")["Content-Security-Policy"])
    assert "'unsafe-inline'" in docs["style-src"]
    assert docs["script-src"] == ["'self'"]
