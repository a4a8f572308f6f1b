"""An invalid `page_size` is a 400 naming `page_size`, as an invalid filter value is: DRF ignored
"abc", 0 and -5 and answered 200 with 25 a page. Over the maximum still gives the maximum."""

import pytest

from tests.factories import ProgramFactory

MESSAGE = "Give the number of results a page as a whole number of 1 or more (at most 200)."


@pytest.mark.parametrize("page_size", ["abc", "0", "-5", "2.5", "1e2", "٣"])
def test_an_invalid_page_size_is_400_on_page_size(cast, client, page_size):
    client.force_login(cast.admin)
    response = client.get("/api/v1/programs/", {"page_size": page_size})
    assert response.status_code == 400
    assert response.json() == {
        "type": "validation_error",
        "errors": [{"code": "invalid", "detail": MESSAGE, "attr": "page_size"}],
    }


def test_a_valid_page_size_still_pages_and_the_maximum_still_caps(cast, client):
    for n in range(3):
        ProgramFactory(code=f"PX{n}")
    client.force_login(cast.admin)
    two = client.get("/api/v1/programs/", {"page_size": " 2 "}).json()
    assert len(two["results"]) == 2 and two["count"] == 5
    assert len(client.get("/api/v1/programs/", {"page_size": "100000"}).json()["results"]) == 5
    assert len(client.get("/api/v1/programs/", {"page_size": ""}).json()["results"]) == 5
    refused = client.get("/api/v1/programs/", {"page_size": "0"})
    assert refused.status_code == 400 and refused.json()["errors"][0]["attr"] == "page_size"
