"""Record pickers in a list filter: type, arrow down, Enter; the list reloads with the chosen vendor,
and the choice survives a reload of the page's address (bpo/core/pickers.py, static/js/picker.js)."""

import re

import pytest
from playwright.sync_api import expect

from tests.contracts.factories import ContractFactory
from tests.factories import PASSWORD

from .conftest import sign_in

pytestmark = pytest.mark.browser


def test_vendor_picker_filters_the_contract_list_with_the_keyboard(new_page, live_server, live_cast):
    cast = live_cast
    ContractFactory(program=cast.program_a, vendor=cast.vendor_x, number="CX-1")
    ContractFactory(program=cast.program_a, vendor=cast.vendor_y, number="CY-1")
    page = new_page()
    sign_in(page, "/accounts/login/", "manager", PASSWORD)
    page.goto("/contracts/")
    results = page.locator("#list-results")
    expect(results).to_contain_text("CX-1")
    expect(results).to_contain_text("CY-1")

    picker = page.locator("input[name=vendor]")
    picker.fill(cast.vendor_y.local_name)  # the Chinese name finds it too
    options = page.locator("#id_vendor-options [role=option]")
    expect(options).to_have_count(1)
    expect(picker).to_have_attribute("aria-expanded", "true")
    picker.press("ArrowDown")
    expect(picker).to_have_attribute("aria-activedescendant", "id_vendor-options-0")
    picker.press("Enter")
    expect(picker).to_have_value(cast.vendor_y.name)
    expect(page.locator("#id_vendor-picked")).to_have_text(str(cast.vendor_y))
    expect(results).not_to_contain_text("CX-1")  # the list reloaded on the choice
    expect(results).to_contain_text("CY-1")
    expect(page).to_have_url(re.compile(r"[?&]vendor=Vendor(\+|%20)Y(&|$)"))

    page.reload()  # the address carries the choice
    expect(page.locator("input[name=vendor]")).to_have_value(cast.vendor_y.name)
    expect(page.locator("#list-results")).not_to_contain_text("CX-1")

    picker = page.locator("input[name=vendor]")
    picker.fill("zzz-nothing")
    expect(page.locator("#id_vendor-options")).to_contain_text("No match")
    picker.press("Escape")
    expect(page.locator("#id_vendor-options")).to_be_hidden()
    picker.fill("")
    picker.press("Tab")  # emptying the box clears the filter
    expect(page.locator("#list-results")).to_contain_text("CX-1")
