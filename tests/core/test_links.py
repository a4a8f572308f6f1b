"""record_url and url_of print exactly what reverse prints, from a link cut once per URL configuration."""

import pytest
from django.urls import NoReverseMatch, clear_script_prefix, reverse, set_script_prefix

from bpo.core.links import record_url, url_of


@pytest.mark.parametrize(
    "name", ["delivery:task_detail", "contracts:contract_detail", "risk:risk_detail", "delivery:plan"]
)
@pytest.mark.parametrize("pk", [1, 7, 90, 123456789])
def test_a_record_link_is_what_reverse_prints(name, pk):
    assert record_url(name, pk) == reverse(name, args=[pk])


def test_the_script_prefix_is_part_of_the_link():
    plain = record_url("delivery:task_detail", 5)
    set_script_prefix("/bpo/")
    try:
        assert record_url("delivery:task_detail", 5) == "/bpo" + plain == reverse("delivery:task_detail", args=[5])
        assert url_of("delivery:task_list") == reverse("delivery:task_list")
    finally:
        clear_script_prefix()
    assert record_url("delivery:task_detail", 5) == plain


def test_what_reverse_refuses_is_refused():
    with pytest.raises(NoReverseMatch):
        record_url("delivery:task_detail", None)  # an unsaved record
    with pytest.raises(NoReverseMatch):
        record_url("delivery:task_list", 3)  # takes no argument
    assert record_url("delivery:task_detail", "12") == reverse("delivery:task_detail", args=["12"])
