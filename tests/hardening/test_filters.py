"""Shared filter pieces: long record choices render fast and identically; oversized numbers are a 400."""

import re

from django import forms

from bpo.core.filters import FastSelect


def _norm(html):
    return re.sub(r">\s+<", "><", html.strip())


def test_fast_select_renders_exactly_like_django(cast):
    from vendors.models import Vendor

    field = forms.ModelChoiceField(queryset=Vendor.objects.order_by("pk"), required=False)
    plain, fast = forms.Select(), FastSelect()
    plain.choices = fast.choices = field.choices
    for value in (None, "", cast.vendor_y.pk):
        attrs = {"id": "id_vendor", "class": "a&b"}
        assert _norm(fast.render("vendor", value, attrs)) == _norm(plain.render("vendor", value, attrs))
    escaped = FastSelect(choices=[("<x>", "<script>")]).render("f", None)
    assert "<script>" not in escaped and "&lt;script&gt;" in escaped


def test_number_filters_refuse_values_beyond_64_bits(cast, client):
    client.force_login(cast.admin)
    response = client.get("/api/v1/invoices/", {"contract": str(2**70)})
    assert response.status_code == 400
    assert response.json()["errors"][0]["attr"] == "contract"
