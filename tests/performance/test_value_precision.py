"""Service-level targets and measured values read through format_number on the staff and portal
pages: "expected 99.5 · minimum 99" and "99.7", not "expected 99.5000 · minimum 99" and
"Met 99.7000" (user test 2026-11-27, bpo/core/formats.py)."""

from decimal import Decimal

import pytest
from django.urls import reverse

from bpo.core.formats import format_number
from tests.contracts.factories import ContractFactory

from .helpers import level, samples


@pytest.mark.parametrize(
    "value, shown",
    [
        ("99.5000", "99.5"),
        ("99.0000", "99"),
        ("0.1250", "0.125"),
        ("70.83333", "70.8333"),
        ("-0.00001", "0"),
        (None, ""),
    ],
)
def test_format_number_drops_trailing_zeros(value, shown):
    assert format_number(Decimal(value) if value else value) == shown


def _contract(cast):
    contract = ContractFactory(program=cast.program_a, vendor=cast.vendor_x, status="active", terms_version=1)
    sl = level(contract, "AVL", expected=99.5, minimum=99)
    samples(sl, [99.7] * 3)
    return contract


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_dashboard_prints_targets_and_values_without_padding(cast, client, language):
    contract = _contract(cast)
    client.force_login(cast.contributor)
    assert client.post(reverse("performance:evaluate", args=[contract.pk])).status_code == 302
    for user, url in (
        (cast.contributor, reverse("performance:dashboard", args=[contract.pk])),
        (cast.vendor_x_user, reverse("portal:performance_dashboard", args=[contract.pk])),
        (cast.contributor, contract.get_absolute_url()),
    ):
        user.language = language
        user.save(update_fields=["language"])
        client.force_login(user)
        page = client.get(url).content.decode()
        assert "99.5000" not in page and "99.7000" not in page and "99.0000" not in page, url
        assert "99.5" in page, url
    client.force_login(cast.vendor_x_user)
    page = client.get(reverse("portal:performance_dashboard", args=[contract.pk])).content.decode()
    assert "99.7" in page
