"""The vendor registry page: search (Chinese too), filters, sorting, pagination, htmx, exports, query count."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories import VendorFactory
from vendors.models import Vendor


def _url():
    return reverse("vendors:vendor_list")


def _names(response):
    return [row["obj"].name for row in response.context["rows"]]


@pytest.fixture
def registry(cast):
    VendorFactory(name="Apex Contact Solutions", local_name="艾派克斯联络", country="Philippines", tier="strategic")
    VendorFactory(
        name="Huaxin Business Services", local_name="华信商务服务", country="China", tier="strategic", status="approved"
    )
    VendorFactory(
        name="Nordic Ledger",
        local_name="",
        country="Sweden",
        tier="tactical",
        status="qualified",
        registration_number="556677-8899",
    )
    VendorFactory(
        name="Shenzhen Dataway",
        local_name="深圳数途财务外包",
        country="China",
        tier="tactical",
        status="suspended",
        capabilities="发票录入与核对",
    )


ALL = [
    "Apex Contact Solutions",
    "Huaxin Business Services",
    "Nordic Ledger",
    "Shenzhen Dataway",
    "Vendor X",
    "Vendor Y",
]


@pytest.mark.parametrize("role", ["manager", "contributor", "finance", "executive", "admin"])
def test_staff_list_the_whole_registry(cast, client, registry, role):
    client.force_login(getattr(cast, role))
    response = client.get(_url())
    assert response.status_code == 200
    assert _names(response) == ALL


@pytest.mark.parametrize(
    "q, expected",
    [
        ("华信", ["Huaxin Business Services"]),
        ("供应商", ["Vendor X", "Vendor Y"]),  # the cast's local names: 供应商N有限公司
        ("数途", ["Shenzhen Dataway"]),
        ("发票", ["Shenzhen Dataway"]),  # capabilities
        ("556677", ["Nordic Ledger"]),  # registration number
        ("APEX", ["Apex Contact Solutions"]),
        ("sweden", ["Nordic Ledger"]),
        ("nothing-like-this", []),
    ],
)
def test_search_covers_legal_and_local_names_including_chinese(cast, client, registry, q, expected):
    client.force_login(cast.manager)
    assert _names(client.get(_url(), {"q": q})) == expected


def test_filters_by_tier_status_and_country(cast, client, registry):
    client.force_login(cast.manager)
    assert _names(client.get(_url(), {"tier": "strategic"})) == ["Apex Contact Solutions", "Huaxin Business Services"]
    assert _names(client.get(_url(), {"status": "suspended"})) == ["Shenzhen Dataway"]
    assert _names(client.get(_url(), {"country": "china", "tier": "tactical"})) == ["Shenzhen Dataway"]


def test_ordering_by_country_then_reverse_name(cast, client, registry):
    client.force_login(cast.manager)
    by_country = [
        v.country for v in (row["obj"] for row in client.get(_url(), {"ordering": "country"}).context["rows"])
    ]
    assert by_country == sorted(by_country)
    assert _names(client.get(_url(), {"ordering": "-name"})) == list(reversed(ALL))


@pytest.mark.parametrize("params", [{"tier": "platinum"}, {"status": "gone"}])
def test_invalid_filter_value_shows_its_error_and_lists_nothing(cast, client, registry, params):
    client.force_login(cast.manager)
    response = client.get(_url(), params)
    assert response.status_code == 200
    field = next(iter(params))
    assert response.context["filterset"].form.errors[field]
    assert f'id="id_{field}-error"' in response.content.decode()
    # Not every row as if the filter were not there: nothing matches an invalid value.
    assert _names(response) == []
    assert "Nothing matches these filters." in response.content.decode()


def test_pagination(cast, client):
    Vendor.objects.bulk_create(Vendor(name=f"Bulk {i:03d}", country="China") for i in range(40))
    client.force_login(cast.manager)
    first, second = client.get(_url()), client.get(_url(), {"page": 2})
    assert first.context["paginator"].count == 42
    assert len(_names(first)) == 25 and len(_names(second)) == 17
    assert not set(_names(first)) & set(_names(second))


def test_htmx_request_gets_only_the_table_fragment(cast, client, registry):
    client.force_login(cast.manager)
    response = client.get(_url(), {"q": "华信"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html and 'role="search"' not in html
    assert "Huaxin Business Services" in html and "Nordic Ledger" not in html


def test_csv_export_contains_exactly_the_filtered_rows_with_chinese_intact(cast, client, registry):
    client.force_login(cast.manager)
    response = client.get(_url(), {"country": "China", "export": "csv"})
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8").lstrip("\ufeff")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:2] == ["Legal name", "Local name"]
    assert [(r[0], r[1]) for r in rows[1:]] == [
        ("Huaxin Business Services", "华信商务服务"),
        ("Shenzhen Dataway", "深圳数途财务外包"),
        ("Vendor X", cast.vendor_x.local_name),
        ("Vendor Y", cast.vendor_y.local_name),
    ]


def test_xlsx_export_contains_exactly_the_filtered_rows(cast, client, registry):
    client.force_login(cast.manager)
    response = client.get(_url(), {"q": "华信", "export": "xlsx"})
    assert response.status_code == 200
    rows = list(load_workbook(io.BytesIO(response.content), read_only=True).active.iter_rows(values_only=True))
    assert rows[0][0] == "Legal name"
    assert [r[:2] for r in rows[1:]] == [("Huaxin Business Services", "华信商务服务")]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_vendor_user_cannot_export_the_registry(cast, client, registry, fmt):
    client.force_login(cast.vendor_x_admin)
    response = client.get(_url(), {"export": fmt})
    assert response.status_code == 403
    assert b"Huaxin" not in response.content


def _queries(client, path):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(path).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("path_name", ["vendors:vendor_list", "vendor-list"])
def test_query_count_is_the_same_at_5_and_500_vendors(cast, client, path_name):
    Vendor.objects.bulk_create(Vendor(name=f"Q {i:03d}", local_name=f"供应商{i}", country="China") for i in range(3))
    assert Vendor.objects.count() == 5
    client.force_login(cast.manager)
    path = reverse(path_name)
    client.get(path)
    at_5 = _queries(client, path)
    Vendor.objects.bulk_create(
        Vendor(name=f"Q {i:03d}", local_name=f"供应商{i}", country="China") for i in range(3, 498)
    )
    assert Vendor.objects.count() == 500
    assert _queries(client, path) == at_5
