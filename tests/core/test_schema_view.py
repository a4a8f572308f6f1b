"""/api/schema/ is generated and rendered once per process, language and format."""

import pytest

from bpo.core.schema import CachedSchemaView

pytestmark = pytest.mark.django_db


@pytest.fixture
def fresh_schema_cache():
    CachedSchemaView._cache.clear()
    CachedSchemaView._rendered.clear()
    yield
    CachedSchemaView._cache.clear()
    CachedSchemaView._rendered.clear()


def test_the_schema_is_rendered_once_per_language_and_format(client, fresh_schema_cache, monkeypatch):
    calls = []
    for renderer in CachedSchemaView.renderer_classes:

        def counting(self, *args, _render=renderer.render, **kwargs):
            calls.append(self.format)
            return _render(self, *args, **kwargs)

        monkeypatch.setattr(renderer, "render", counting)
    first = client.get("/api/schema/")
    again = client.get("/api/schema/")
    assert first.status_code == again.status_code == 200
    assert first.content == again.content and first.content.startswith(b"openapi:")
    assert first["Content-Type"] == again["Content-Type"]
    assert first["Content-Type"].startswith("application/vnd.oai.openapi")
    as_json = client.get("/api/schema/?format=json")
    assert as_json.json()["info"]["title"] == "BPO Program Office API"
    assert client.get("/api/schema/?format=json").content == as_json.content
    assert calls == ["yaml", "json"]  # each rendered once
    chinese = client.get("/api/schema/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert chinese.status_code == 200 and chinese.content.startswith(b"openapi:")
