"""Every portal list downloads as CSV and XLSX (`?export=csv|xlsx`): the rows the page shows, with
its filters, only of the user's own vendor, through the shared formula-safe export."""

import csv
import datetime
import io

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from bpo.accounts.models import User
from contracts.choices import ContractStatus
from delivery import meetings, support, training
from delivery.models import Invoice
from tests.contracts.factories import contract_of_a
from tests.delivery.engagement_factories import action_item_of_x, session_of_a, support_request_of_x, vendor_y_contract
from tests.portal.test_portal_crawl import _foreign_strings, _identifying_strings, _mirror_for
from vendors.models import Vendor

# route -> the context entry holding the rows the page shows
LISTS = {
    "portal:contract_list": "contracts",
    "portal:measurements": "contracts",
    "portal:invoices": "invoices",
    "portal:tasks": "tasks",
    "portal:status_reports": "reports",
    "portal:action_items": "items",
    "portal:training": "sessions",
    "portal:support": "requests",
    "portal:scorecard_list": "cards",
    "portal:capa_list": "actions",
    "portal:risk_list": "risks",
    "portal:sourcing_list": "rows",
    "portal:users": "colleagues",
}


def _download(client, url, fmt):
    """The rows (heading first) of a CSV or XLSX download, as lists of strings."""
    response = client.get(url, {"export": fmt} if "?" not in url else None)
    assert response.status_code == 200, url
    if fmt == "csv":
        assert response["Content-Type"].startswith("text/csv")
        text = b"".join(response.streaming_content).decode("utf-8-sig")
        return list(csv.reader(io.StringIO(text)))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content), read_only=True).active
    return [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]


def _text(rows):
    return "\n".join(",".join(row) for row in rows)


@pytest.fixture
def both(cast):
    """Vendor X on program A and vendor Y on program B, each with a contract, an invoice, action
    items, a support request and a training session."""
    contract_x = contract_of_a(cast)
    contract_y = vendor_y_contract(cast)
    contract_y.status = ContractStatus.ACTIVE
    contract_y.terms_version = 1
    contract_y.save()
    Invoice.objects.create(
        contract=contract_x, number="INV-X-1", period=datetime.date(2026, 1, 1), submitted_by=cast.vendor_x_admin
    )
    Invoice.objects.create(
        contract=contract_y, number="INV-Y-1", period=datetime.date(2026, 1, 1), submitted_by=cast.vendor_y_admin
    )
    item = action_item_of_x(cast, title="Send the staffing plan")
    action_item_of_x(cast, meeting=item.meeting, title="Train the night shift")
    meetings.action_item_complete(item=item, by=cast.vendor_x_user, note="Sent.")
    meeting_b = meetings.meeting_create(
        by=cast.admin,
        program=cast.program_b,
        kind="weekly_ops",
        title="Program B weekly",
        starts_at=timezone.make_aware(datetime.datetime(2026, 3, 2, 10, 0)),
        agenda="",
    )
    meetings.action_item_create(
        meeting=meeting_b,
        by=cast.admin,
        title="Vendor Y staffing",
        owner=cast.vendor_y_admin,
        due_date=datetime.date(2026, 3, 9),
    )
    support_request_of_x(cast, title="Reset my CRM access")
    support.support_request_create(
        by=cast.vendor_y_admin,
        program=cast.program_b,
        title="Vendor Y printer",
        description="Broken.",
        category="system_access",
        priority="low",
    )
    session_of_a(cast, attendees=[cast.vendor_x_user], trainer="Trainer of X")
    course_b = training.course_create(
        by=cast.admin, program=cast.program_b, title="Vendor Y onboarding", category="business_process", pass_score=70
    )
    training.session_create(
        course=course_b,
        by=cast.admin,
        attendees=[cast.vendor_y_admin],
        starts_at=timezone.make_aware(datetime.datetime(2026, 3, 4, 9, 0)),
        trainer="Trainer of Y",
    )
    return cast


# route, what vendor X's download holds, what vendor Y's download holds
OWN_ROWS = [
    ("portal:contract_list", "CA-1", "CB-1"),
    ("portal:measurements", "CA-1", "CB-1"),
    ("portal:invoices", "INV-X-1", "INV-Y-1"),
    ("portal:action_items", "Train the night shift", "Vendor Y staffing"),
    ("portal:support", "Reset my CRM access", "Vendor Y printer"),
    ("portal:training", "Trainer of X", "Trainer of Y"),
    ("portal:users", "vx-user", "vy-admin"),
]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize(("route", "mine", "theirs"), OWN_ROWS)
def test_each_vendor_downloads_its_own_rows_and_none_of_the_other(both, fmt, route, mine, theirs):
    url = reverse(route)
    for user, own, other in ((both.vendor_x_admin, mine, theirs), (both.vendor_y_admin, theirs, mine)):
        client = Client()
        client.force_login(user)
        text = _text(_download(client, url, fmt))
        assert own in text, (user, route)
        assert other not in text, (user, route)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_status_filter_applies_to_the_download(both, fmt):
    client = Client()
    client.force_login(both.vendor_x_user)
    rows = _download(client, reverse("portal:action_items") + f"?status=open&export={fmt}", fmt)
    assert "Train the night shift" in _text(rows)
    assert "Send the staffing plan" not in _text(rows)
    everything = _text(_download(client, reverse("portal:action_items"), fmt))
    assert "Send the staffing plan" in everything and "Train the night shift" in everything


def test_a_cell_that_looks_like_a_formula_is_written_as_text(both):
    contract = contract_of_a(both)
    contract.title = '=HYPERLINK("http://evil.example","x")'
    contract.save()
    client = Client()
    client.force_login(both.vendor_x_user)
    for fmt in ("csv", "xlsx"):
        rows = _download(client, reverse("portal:contract_list"), fmt)
        titles = [row[1] for row in rows[1:]]
        assert titles == ["'" + contract.title]


def test_the_pages_offer_the_downloads(both):
    client = Client()
    client.force_login(both.vendor_x_admin)
    for route in LISTS:
        page = client.get(reverse(route)).content.decode()
        assert "export=csv" in page and "export=xlsx" in page, route


@pytest.mark.timeout(120)
def test_every_list_downloads_the_rows_its_page_shows_on_the_demo(db):
    """On the demo (Huaxin given a copy of Apex's records): for both vendors, each list's CSV and
    XLSX have one row per row of the page, with every filter option, and nothing of the other."""
    call_command("load_demo", stdout=io.StringIO())
    _mirror_for(Vendor.objects.get(name__startswith="Huaxin"), Vendor.objects.get(name__startswith="Apex"))
    owned = _identifying_strings()
    for username in ("apex.admin", "huaxin.admin"):
        user = User.objects.get(username=username)
        foreign = _foreign_strings(user, owned)
        client = Client()
        client.force_login(user)
        non_empty = 0
        for route, key in LISTS.items():
            urls = [reverse(route)]
            if route in ("portal:action_items", "portal:capa_list"):
                options = client.get(urls[0]).context["status_filter"].options
                urls += [f"{urls[0]}?status={value}" for value, _label in options]
            for url in urls:
                shown = len(list(client.get(url).context[key]))
                non_empty += bool(shown)
                for fmt in ("csv", "xlsx"):
                    joiner = "&" if "?" in url else "?"
                    rows = _download(client, f"{url}{joiner}export={fmt}", fmt)
                    assert len(rows) - 1 == shown, (username, url, fmt)
                    leaked = [s for s in foreign if s in _text(rows)]
                    assert not leaked, (username, url, fmt, leaked[:5])
        assert non_empty >= 10, f"{username}: the demo should fill most portal lists"


# route -> the XLSX sheet's name: the page's title, in the reader's language (was the file's name)
SHEETS = {
    "portal:contract_list": ("Our contracts", "本公司合同"),
    "portal:measurements": ("Measurements", "测量数据"),
    "portal:invoices": ("Invoices", "发票"),
    "portal:tasks": ("Plan tasks", "计划任务"),
    "portal:status_reports": ("Status reports", "状态报告"),
    "portal:action_items": ("Action items", "行动项"),
    "portal:training": ("Training", "培训"),
    "portal:support": ("Support requests", "支持请求"),
    "portal:scorecard_list": ("Scorecards", "计分卡"),
    "portal:capa_list": ("Corrective actions", "纠正措施"),
    "portal:risk_list": ("Shared risks", "共享风险"),
    "portal:sourcing_list": ("Invitations", "邀请"),
    "portal:users": ("Our portal users", "本公司门户用户"),
}


def test_each_portal_xlsx_names_its_sheet_after_the_page_in_the_readers_language(both):
    assert set(SHEETS) == set(LISTS)
    user = both.vendor_x_admin
    client = Client()
    client.force_login(user)
    for language, index in (("en", 0), ("zh-hans", 1)):
        user.language = language
        user.save(update_fields=["language"])
        for route, names in SHEETS.items():
            response = client.get(reverse(route), {"export": "xlsx"}, HTTP_ACCEPT_LANGUAGE=language)
            assert response.status_code == 200, route
            assert load_workbook(io.BytesIO(response.content)).sheetnames == [names[index]], (route, language)
