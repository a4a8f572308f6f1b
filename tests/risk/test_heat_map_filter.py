"""The heat map's program filter is the register's: a program the user may not see, or a value
that names no program, is refused next to the field and maps no risk, as every list page does,
instead of mapping all the user's risks as if no program were chosen (user test 2026-11-28)."""

import re

import pytest
from django.urls import reverse

from .test_pages import assessed


def _error(html):
    found = re.search(r'<p class="error" id="id_program-error">([^<]+)</p>', html)
    return found.group(1) if found else None


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_a_hidden_or_unknown_program_is_refused_and_maps_nothing(cast, client, language):
    assessed(cast, scores=(2, 2, 1, 1))
    assessed(cast, program=cast.program_b, by=cast.outsider, scores=(5, 5, 4, 5))
    cast.manager.language = language
    cast.manager.save(update_fields=["language"])
    client.force_login(cast.manager)
    for sent in (cast.program_b.pk, "abc", cast.program_b.code):
        response = client.get(reverse("risk:heat_map"), {"program": sent})
        assert response.status_code == 200
        html = response.content.decode()
        assert _error(html), sent
        assert response.context["program"] is None
        assert sum(response.context["counts"].values()) == 0, sent
        assert 'href="/risk/risks/?status=open' not in html
    shown = client.get(reverse("risk:heat_map"), {"program": cast.program_a.pk})
    assert _error(shown.content.decode()) is None and shown.context["program"] == cast.program_a
    assert shown.context["counts"]["low"] == 1
    every = client.get(reverse("risk:heat_map"))
    assert _error(every.content.decode()) is None and every.context["counts"]["low"] == 1
