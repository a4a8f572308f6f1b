"""The program list page: search, filters, sorting, pagination, htmx fragment, exports, query count."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from bpo.accounts.models import ProgramMembership
from strategy.models import Program
from tests.factories import MembershipFactory, ProgramFactory


def _url():
    return reverse("strategy:program_list")


def _codes(response):
    return [row["obj"].code for row in response.context["rows"]]


def _csv_rows(response):
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")  # BOM, so Excel shows Chinese
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))


def _xlsx_rows(response):
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = load_workbook(io.BytesIO(response.content), read_only=True).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


@pytest.fixture
def portfolio(cast):
    """Program A (cast) plus programs in several phases, some visible to the manager and some not."""
    mine = [
        ProgramFactory(code="CS-2026", name="Customer service outsourcing 客户服务外包", phase="steady_state"),
        ProgramFactory(code="AP-2026", name="Invoice processing 发票处理", phase="sourcing", business_unit="Finance"),
        ProgramFactory(code="HR-2027", name="Payroll", phase="sourcing"),
    ]
    for program in mine:
        MembershipFactory(user=cast.manager, program=program, role="manager")
    hidden = [
        ProgramFactory(code="IT-2026", name="Service desk 服务台", phase="sourcing"),
        ProgramFactory(code="ZZ-9999", name="Secret customer project", phase="steady_state"),
    ]
    return mine, hidden


def test_manager_lists_only_their_programs(cast, client, portfolio):
    client.force_login(cast.manager)
    response = client.get(_url())
    assert response.status_code == 200
    assert _codes(response) == ["AP-2026", "CS-2026", "HR-2027", "PA"]
    html = response.content.decode()
    assert "IT-2026" not in html and ">PB<" not in html and "ZZ-9999" not in html


@pytest.mark.parametrize("role", ["finance", "legal", "executive", "admin"])
def test_global_roles_list_every_program(cast, client, portfolio, role):
    client.force_login(getattr(cast, role))
    assert _codes(client.get(_url())) == sorted(Program.objects.values_list("code", flat=True))


@pytest.mark.parametrize(
    "q, expected",
    [
        ("客户服务", ["CS-2026"]),
        ("发票", ["AP-2026"]),
        ("customer", ["CS-2026"]),  # ZZ-9999 matches too, but the manager may not see it
        ("cs-2026", ["CS-2026"]),
        ("finance", ["AP-2026"]),  # business unit
        ("  payroll  ", ["HR-2027"]),
        ("服务台", []),
    ],
)
def test_search_matches_code_name_and_unit_including_chinese(cast, client, portfolio, q, expected):
    client.force_login(cast.manager)
    assert _codes(client.get(_url(), {"q": q})) == expected


def test_filter_by_phase(cast, client, portfolio):
    client.force_login(cast.manager)
    assert _codes(client.get(_url(), {"phase": "sourcing"})) == ["AP-2026", "HR-2027"]
    assert _codes(client.get(_url(), {"phase": "sourcing", "q": "pay"})) == ["HR-2027"]


def test_ordering_by_column_both_ways(cast, client, portfolio):
    client.force_login(cast.manager)
    assert _codes(client.get(_url(), {"ordering": "-code"})) == ["PA", "HR-2027", "CS-2026", "AP-2026"]
    # Customer…, Invoice…, Payroll, Program A
    assert _codes(client.get(_url(), {"ordering": "name"})) == ["CS-2026", "AP-2026", "HR-2027", "PA"]
    response = client.get(_url(), {"ordering": "code"})
    assert 'aria-sort="ascending"' in response.content.decode()


@pytest.mark.parametrize("params", [{"phase": "bogus"}, {"status": "nope"}])
def test_invalid_filter_value_shows_an_error_next_to_the_filter_and_lists_nothing(cast, client, portfolio, params):
    client.force_login(cast.manager)
    response = client.get(_url(), params)
    assert response.status_code == 200
    field = next(iter(params))
    assert response.context["filterset"].form.errors[field]
    html = response.content.decode()
    assert f'id="id_{field}-error"' in html and "Select a valid choice" in html
    # nothing matches an invalid value (not every program, as if the filter were not there)
    assert _codes(response) == []


def test_invalid_sort_key_does_not_fail_and_keeps_the_default_order(cast, client, portfolio):
    client.force_login(cast.manager)
    response = client.get(_url(), {"ordering": "password"})
    assert response.status_code == 200
    assert response.context["filterset"].form.errors["ordering"]
    assert _codes(response) == ["AP-2026", "CS-2026", "HR-2027", "PA"]


@pytest.mark.parametrize("page", ["abc", "999", "-1"])
def test_out_of_range_page_falls_back_instead_of_failing(cast, client, portfolio, page):
    client.force_login(cast.manager)
    assert client.get(_url(), {"page": page}).status_code == 200


def test_pagination_splits_25_a_page(cast, client):
    programs = Program.objects.bulk_create(Program(code=f"BULK-{i:03d}", name=f"Bulk {i}") for i in range(30))
    ProgramMembership.objects.bulk_create(
        ProgramMembership(user=cast.manager, program=p, role="viewer") for p in programs
    )
    client.force_login(cast.manager)
    first = client.get(_url())
    second = client.get(_url(), {"page": 2})
    assert first.context["paginator"].count == 31
    assert len(_codes(first)) == 25 and len(_codes(second)) == 6
    assert not set(_codes(first)) & set(_codes(second))
    assert 'rel="next"' in first.content.decode() and 'rel="prev"' in second.content.decode()


def test_htmx_request_gets_only_the_table_fragment(cast, client, portfolio):
    client.force_login(cast.manager)
    response = client.get(_url(), {"q": "发票"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html and "<form" not in html.split("<table")[0]
    assert "<table" in html and "AP-2026" in html and "CS-2026" not in html
    assert [t.name for t in response.templates][0] == "core/_list_table.html"


def test_full_request_gets_the_whole_page(cast, client, portfolio):
    client.force_login(cast.manager)
    html = client.get(_url()).content.decode()
    assert "<html" in html and 'id="list-results"' in html


def test_csv_export_contains_exactly_the_filtered_rows(cast, client, portfolio):
    client.force_login(cast.manager)
    response = client.get(_url(), {"phase": "sourcing", "export": "csv"})
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"] and ".csv" in response["Content-Disposition"]
    rows = _csv_rows(response)
    assert rows[0][:2] == ["Code", "Name"]
    assert [r[0] for r in rows[1:]] == ["AP-2026", "HR-2027"]
    assert rows[1][1] == "Invoice processing 发票处理"


def test_csv_export_never_contains_programs_the_user_may_not_see(cast, client, portfolio):
    client.force_login(cast.manager)
    rows = _csv_rows(client.get(_url(), {"export": "csv", "page": 1}))
    assert [r[0] for r in rows[1:]] == ["AP-2026", "CS-2026", "HR-2027", "PA"]


def test_xlsx_export_contains_exactly_the_filtered_rows_in_the_shown_order(cast, client, portfolio):
    client.force_login(cast.manager)
    response = client.get(_url(), {"q": "2026", "ordering": "-code", "export": "xlsx"})
    assert response.status_code == 200
    assert ".xlsx" in response["Content-Disposition"]
    rows = _xlsx_rows(response)
    assert rows[0][0] == "Code"
    assert [r[0] for r in rows[1:]] == ["CS-2026", "AP-2026"]  # IT-2026 exists but is not the manager's
    assert rows[1][1] == "Customer service outsourcing 客户服务外包"


def test_xlsx_export_of_a_global_role_has_every_row_beyond_one_page(cast, client):
    Program.objects.bulk_create(Program(code=f"X-{i:03d}", name=f"X {i}") for i in range(40))
    client.force_login(cast.finance)
    rows = _xlsx_rows(client.get(_url(), {"export": "xlsx"}))
    assert len(rows) - 1 == Program.objects.count() == 42


def test_export_neutralises_spreadsheet_formulas(cast, client):
    program = ProgramFactory(code="F-1", name='=HYPERLINK("http://evil.example")')
    MembershipFactory(user=cast.manager, program=program, role="viewer")
    client.force_login(cast.manager)
    rows = _csv_rows(client.get(_url(), {"q": "F-1", "export": "csv"}))
    assert rows[1][1].startswith("'=")
    xrows = _xlsx_rows(client.get(_url(), {"q": "F-1", "export": "xlsx"}))
    assert xrows[1][1].startswith("'=")


def test_contributor_sees_no_new_button_manager_does(cast, client):
    client.force_login(cast.contributor)
    assert client.get(_url()).context["can_create"] is False
    client.force_login(cast.manager)
    assert client.get(_url()).context["can_create"] is True


# --- query counts stay flat -------------------------------------------------------------------------


def _grow_to(user, total):
    """Give `user` (a member of program A) `total` visible programs, each with a sponsor."""
    have = Program.objects.visible_to(user).count()
    new = Program.objects.bulk_create(
        Program(code=f"Q-{have + i:04d}", name=f"Program {have + i}", sponsor=user) for i in range(total - have)
    )
    ProgramMembership.objects.bulk_create(ProgramMembership(user=user, program=p, role="viewer") for p in new)
    assert Program.objects.visible_to(user).count() == total


def _queries(client, path, **headers):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path, **headers)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("role", ["manager", "finance"])
@pytest.mark.parametrize("path_name", ["strategy:program_list", "program-list"])
def test_query_count_is_the_same_at_5_and_500_programs(cast, client, role, path_name):
    user = getattr(cast, role)
    if role == "finance":
        Program.objects.filter(code="PB").delete()  # finance sees everything: start from program A alone
    _grow_to(user, 5)
    client.force_login(user)
    path = reverse(path_name)
    client.get(path)  # warm up (session, content types)
    at_5 = _queries(client, path)
    _grow_to(user, 500)
    at_500 = _queries(client, path)
    assert at_5 == at_500, (at_5, at_500)


def test_htmx_fragment_query_count_is_flat(cast, client):
    _grow_to(cast.manager, 5)
    client.force_login(cast.manager)
    client.get(_url())
    at_5 = _queries(client, _url(), HTTP_HX_REQUEST="true")
    _grow_to(cast.manager, 500)
    assert _queries(client, _url(), HTTP_HX_REQUEST="true") == at_5


def test_htmx_boosted_navigation_gets_the_whole_page(cast, client, portfolio):
    client.force_login(cast.manager)
    response = client.get(_url(), HTTP_HX_REQUEST="true", HTTP_HX_BOOSTED="true")
    assert "<html" in response.content.decode()
