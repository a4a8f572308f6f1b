"""An error that echoes what was sent shows its first 50 characters and "…": a 2 MB choice came
back whole in "... is not a valid choice.", as did a long filter value."""

import json

A = "A" * 100_000


def _errors(response):
    assert response.status_code == 400, response.content[:300]
    return [(e["code"], e["detail"], e["attr"]) for e in response.json()["errors"]]


def test_an_invalid_choice_in_the_body_is_echoed_shortened(cast, client):
    client.force_login(cast.manager)
    body = json.dumps({"code": "NEW-9", "name": "New", "phase": A})
    response = client.post("/api/v1/programs/", body, content_type="application/json")
    assert _errors(response) == [("invalid_choice", f'"{"A" * 50}…" is not a valid choice.', "phase")]
    assert len(response.content) < 500


def test_a_list_sent_for_a_choice_is_echoed_shortened(cast, client):
    client.force_login(cast.manager)
    text = "B'\n" * 500  # the list's str() writes it as repr() does: "B'\\nB'\\n…"
    response = client.post(
        "/api/v1/programs/", {"code": "NEW-9", "name": "New", "phase": [text]}, content_type="application/json"
    )
    [(code, detail, attr)] = _errors(response)
    assert (code, attr) == ("invalid_choice", "phase")
    escaped = repr(text)[1:-1]
    assert len(detail) < 120 and escaped[:50] + "…" in detail


def test_an_invalid_filter_value_is_echoed_shortened_and_a_short_one_whole(cast, client):
    client.force_login(cast.manager)
    short = client.get("/api/v1/programs/", {"phase": "D" * 50})
    assert _errors(short)[0][1] == f"Select a valid choice. {'D' * 50} is not one of the available choices."
    response = client.get("/api/v1/programs/", {"phase": "C" * 5_000})
    assert _errors(response) == [
        (
            "invalid_choice",
            f"Select a valid choice. {'C' * 50}… is not one of the available choices.",
            "phase",
        )
    ]
