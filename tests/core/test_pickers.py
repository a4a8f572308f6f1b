"""Record pickers (bpo/core/pickers.py): the page renders the chosen record only, the search
endpoint answers within the user's access, and a chosen value survives a filter round-trip."""

import re

import pytest
from django.urls import reverse

from contracts.models import Contract
from tests.contracts.factories import ContractFactory
from tests.factories import VendorFactory


def _options(html: str) -> int:
    return len(re.findall(r"<option\b", html))


@pytest.fixture
def many(cast):
    """30 vendors, each with a contract on program A: more than any page should list."""
    vendors = VendorFactory.create_batch(30)
    for vendor in vendors:
        ContractFactory(program=cast.program_a, vendor=vendor)
    return vendors


def _more(cast, n=30):
    for vendor in VendorFactory.create_batch(n):
        ContractFactory(program=cast.program_a, vendor=vendor)


def test_contract_list_renders_only_the_chosen_vendor(cast, client, many):
    client.force_login(cast.manager)
    chosen = many[7]
    url = reverse("contracts:contract_list")
    page = client.get(url, {"vendor": chosen.name}).content.decode()
    form = page.split('id="list-results"')[0]
    assert _options(page) < len(many)  # not one option per vendor or contract
    assert not re.search(r'<select[^>]*name="(vendor|program)"', page)
    assert f'value="{chosen.name}"' in form  # the picker shows the chosen vendor's code
    assert str(chosen) in form
    assert many[8].name not in form  # and no other vendor
    _more(cast)
    assert _options(client.get(url, {"vendor": chosen.name}).content.decode()) == _options(page)


def test_risk_register_renders_no_record_options(cast, client, many):
    client.force_login(cast.manager)
    url = reverse("risk:risk_list")
    page = client.get(url).content.decode()
    assert 'name="contract"' in page and "data-picker-input" in page
    assert not re.search(r'<select[^>]*name="(contract|vendor|program)"', page)
    _more(cast)
    assert _options(client.get(url).content.decode()) == _options(page)  # the small choice filters only


def test_filter_round_trip_by_code_and_by_id(cast, client, many):
    client.force_login(cast.manager)
    vendor = many[3]
    contract = Contract.objects.get(vendor=vendor)
    url = reverse("contracts:contract_list")
    for value in (vendor.name, str(vendor.pk), vendor.name.upper()):
        page = client.get(url, {"vendor": value}).content.decode()
        table = page.split('id="list-results"')[1]
        assert contract.number in table
        assert Contract.objects.exclude(pk=contract.pk).first().number not in table
        assert f'value="{vendor.name}"' in page  # shown back as the code, whatever was typed
    page = client.get(url, {"vendor": "No such vendor"}).content.decode()
    assert "Select a valid choice" in page and 'value="No such vendor"' in page


def test_api_filter_still_takes_ids(cast, client, many):
    client.force_login(cast.manager)
    vendor = many[5]
    rows = client.get("/api/v1/contracts/", {"vendor": vendor.pk}).json()
    results = rows["results"] if isinstance(rows, dict) else rows
    assert [r["number"] for r in results] == [Contract.objects.get(vendor=vendor).number]


def test_search_matches_code_and_both_names_and_is_limited(cast, client, many):
    client.force_login(cast.manager)
    many[0].local_name = "华信外包"
    many[0].save()
    url = reverse("core:pick", args=["vendor"])
    assert _count(client.get(url, {"q": "华信"})) == 1
    assert _count(client.get(url, {"q": many[1].name})) == 1
    assert _count(client.get(url, {"q": ""})) == 20  # the limit
    answer = client.get(url, {"q": "nothing-like-this"}).content.decode()
    assert "No match" in answer and "data-code" not in answer
    contract = Contract.objects.get(vendor=many[2])
    answer = client.get(reverse("core:pick", args=["contract"]), {"q": contract.number}).content.decode()
    assert f'data-code="{contract.number}"' in answer
    answer = client.get(reverse("core:pick", args=["program"]), {"q": "pa"}).content.decode()
    assert 'data-code="PA"' in answer


def _count(response) -> int:
    assert response.status_code == 200
    return response.content.decode().count("data-code=")


def test_search_is_scoped_like_the_lists(cast, client, many):
    ContractFactory(program=cast.program_b, vendor=cast.vendor_y, number="CB-SECRET")
    client.force_login(cast.manager)  # program A only
    contracts = reverse("core:pick", args=["contract"])
    assert "CB-SECRET" not in client.get(contracts, {"q": "CB-"}).content.decode()
    assert 'data-code="PB"' not in client.get(reverse("core:pick", args=["program"]), {"q": "P"}).content.decode()
    client.force_login(cast.outsider)  # program B
    assert "CB-SECRET" in client.get(contracts, {"q": "CB-"}).content.decode()
    assert _count(client.get(contracts, {"q": "C-"})) == 0  # program A's contracts
    # editable scope: the viewer reads program A's contracts but changes none
    client.force_login(cast.viewer)
    assert _count(client.get(contracts, {"q": ""})) == 20
    assert _count(client.get(contracts, {"q": "", "scope": "editable"})) == 0


def test_vendor_users_are_refused_the_staff_search(cast, client, many):
    for user in (cast.vendor_x_admin, cast.vendor_y_admin):
        client.force_login(user)
        for kind in ("vendor", "contract", "program"):
            response = client.get(reverse("core:pick", args=[kind]), {"q": ""})
            assert response.status_code == 403
            assert b"data-code" not in response.content


def test_unknown_kind_is_404(cast, client):
    client.force_login(cast.admin)
    assert client.get(reverse("core:pick", args=["user"])).status_code == 404


def test_picker_field_checks_the_fields_own_queryset(cast):
    from bpo.core.pickers import RecordChoiceField
    from vendors.models import Vendor

    field = RecordChoiceField(Vendor.objects.filter(pk=cast.vendor_x.pk), kind="vendor")
    assert field.clean("Vendor X") == cast.vendor_x
    assert field.clean(str(cast.vendor_x.pk)) == cast.vendor_x
    with pytest.raises(Exception, match="valid choice"):
        field.clean("Vendor Y")
    with pytest.raises(Exception, match="valid choice"):
        field.clean(str(cast.vendor_y.pk))


@pytest.mark.parametrize("url_name", ["vendors:event_list", "delivery:support_list", "risk:incident_list"])
def test_program_filters_are_pickers_taking_the_code(cast, client, url_name):
    client.force_login(cast.admin)
    page = client.get(reverse(url_name), {"program": "pa"}).content.decode()
    assert not re.search(r'<select[^>]*name="program"', page)
    assert 'name="program"' in page and 'value="PA"' in page and "PA Program A" in page
    assert "Select a valid choice" not in page


def test_picker_speaks_chinese(cast, client):
    from django.utils import translation

    from bpo.core.pickers import RecordPicker

    with translation.override("zh-hans"):
        html = RecordPicker("vendor").render("vendor", None, {"id": "id_vendor"})
    assert 'placeholder="输入名称或代码搜索"' in html and 'aria-label="候选项"' in html
    cast.admin.language = "zh-hans"
    cast.admin.save()
    client.force_login(cast.admin)
    answer = client.get(reverse("core:pick", args=["vendor"]), {"q": "zzz"})
    assert "没有匹配的记录" in answer.content.decode()
