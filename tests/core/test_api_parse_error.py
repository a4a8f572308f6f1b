"""A malformed JSON body is refused in the caller's language, in the documented 400 parse_error shape
(DRF said "JSON parse error - Unterminated string starting at ..." in English to everyone)."""

import pytest


@pytest.mark.parametrize(
    "language, body, detail",
    [
        ("en", '{"code": "X', "The request body is not valid JSON (line 1, column 10)."),
        ("zh-hans", '{"code": "X', "请求正文不是有效的 JSON（第 1 行，第 10 列）。"),
        ("zh-hans", '{"baseline_cost": NaN}', "请求正文不是有效的 JSON。"),
    ],
)
def test_a_malformed_body_is_refused_in_the_callers_language(cast, client, language, body, detail):
    cast.manager.language = language
    cast.manager.save(update_fields=["language"])
    client.force_login(cast.manager)
    response = client.post("/api/v1/programs/", body, content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {
        "type": "client_error",
        "errors": [{"code": "parse_error", "detail": detail, "attr": None}],
    }
