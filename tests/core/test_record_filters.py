"""Record filters of the lists and their API endpoints: a vendor, contract or program filter takes
the record's id or its code (a picker, bpo/core/pickers.py); a standard or course filter is a
drop-down of the records the user may see. A record the user may not see, or one that does not
exist, is the filter's error and lists nothing: never every row, never a hint that it exists."""

import datetime
import re
from dataclasses import dataclass
from decimal import Decimal as D

import pytest
from django.urls import reverse
from django.utils import timezone

from contracts.models import Obligation
from delivery.models import Course, Invoice, TrainingSession
from performance.models import Credit, ImprovementInitiative, Lesson, Period, QualityReview
from performance.quality import services as quality
from performance.scorecards import services as scorecards
from risk.models import CorrectiveAction
from tests.contracts.factories import ContractFactory, SampleFactory, ServiceLevelFactory, contract_of_a
from tests.performance.scorecard_helpers import finalized_period, template

pytestmark = pytest.mark.django_db

INVALID = "Select a valid choice"


@dataclass
class World:
    cast: object
    contract_a: object
    contract_b: object
    rows: dict  # name -> (record of program A, record of program B)


def _pair(make, a, b):
    return make(a), make(b)


@pytest.fixture
def world(cast):
    a = contract_of_a(cast)  # CA-1: program A, vendor X, service level ASA20
    b = ContractFactory(program=cast.program_b, vendor=cast.vendor_y, number="CB-1", status="active", terms_version=1)
    ServiceLevelFactory(contract=b, code="ASA20")
    sl = {a: a.service_levels.get(), b: b.service_levels.get()}
    start, end = datetime.date(2026, 1, 1), datetime.date(2026, 2, 1)
    rows = {}

    def credit(contract):
        period = Period.objects.create(contract=contract, kind="monthly", start=start, end=end)
        return Credit.objects.create(period=period, service_level=sl[contract], allocation_pct=D("40"), amount=D("1"))

    rows["credits"] = _pair(credit, a, b)
    std_a = quality.standard_create(
        by=cast.manager, program=cast.program_a, process="Invoices A", metric="Accuracy", target=D("99"),
        direction="higher", unit="%", acceptance_level=D("0.5"),
    )  # fmt: skip
    std_b = quality.standard_create(
        by=cast.outsider, program=cast.program_b, process="Invoices B", metric="Accuracy", target=D("99"),
        direction="higher", unit="%", acceptance_level=D("0.5"),
    )  # fmt: skip
    rows["standards"] = (std_a, std_b)

    def audit(contract):
        std, by = (std_a, cast.manager) if contract == a else (std_b, cast.outsider)
        return quality.audit_record(
            by=by, standard=std, contract=contract, period_start=start, period_end=datetime.date(2026, 1, 31),
            audited_on=datetime.date(2026, 1, 31), sample_size=200, defects=0,
        )  # fmt: skip

    rows["audits"] = _pair(audit, a, b)

    def review(contract):
        return QualityReview.objects.create(
            program=contract.program, contract=contract, title=f"Review {contract.number}", period_start=start,
            period_end=end, held_on=end, reviewer=cast.admin, rating="satisfactory",
        )  # fmt: skip

    rows["reviews"] = _pair(review, a, b)
    rows["lessons"] = _pair(
        lambda c: Lesson.objects.create(
            program=c.program,
            title=f"Lesson {c.number}",
            body="Body",
            phase="transition",
            category="process",
            created_by=cast.admin,
        ),  # fmt: skip
        a,
        b,
    )
    rows["initiatives"] = _pair(
        lambda c: ImprovementInitiative.objects.create(
            program=c.program, contract=c, title=f"Initiative {c.number}", proposed_by=cast.admin
        ),
        a,
        b,
    )
    rows["actions"] = _pair(
        lambda c: CorrectiveAction.objects.create(
            program=c.program,
            contract=c,
            vendor=c.vendor,
            source="incident",
            status="proposed",
            title=f"Action {c.number}",
            problem="Late",
            due_date=end,
        ),  # fmt: skip
        a,
        b,
    )

    def session(contract):
        course = Course.objects.create(
            program=contract.program, title=f"Course {contract.number}", category="business_process"
        )
        return TrainingSession.objects.create(
            course=course, starts_at=timezone.make_aware(datetime.datetime(2026, 3, 4, 9)), trainer="Li Wei"
        )

    rows["sessions"] = _pair(session, a, b)
    rows["invoices"] = _pair(
        lambda c: Invoice.objects.create(contract=c, number=f"INV-{c.number}", period=start, submitted_by=cast.admin),
        a,
        b,
    )
    rows["samples"] = _pair(
        lambda c: SampleFactory(service_level=sl[c], reference=f"S-{c.number}", measured_at=timezone.now()), a, b
    )
    rows["service-levels"] = (sl[a], sl[b])
    rows["obligations"] = _pair(
        lambda c: Obligation.objects.create(
            contract=c, party="vendor", category="reporting", title=f"Report {c.number}", due_date=end
        ),
        a,
        b,
    )
    template()
    cards = []
    for program, vendor in ((cast.program_a, cast.vendor_x), (cast.program_b, cast.vendor_y)):
        period = finalized_period(cast, program=program, vendor=vendor)
        cards.append(scorecards.scorecard_draft(period=period, by=cast.admin)[0])
    rows["scorecards"] = tuple(cards)
    return World(cast, a, b, rows)


def _contract(world, name, side):
    record = world.rows[name][side]
    if name == "scorecards":
        return record.contract
    return world.contract_a if side == 0 else world.contract_b


def _ids(response):
    assert response.status_code == 200, response.content[:500]
    body = response.json()
    return sorted(row["id"] for row in (body["results"] if isinstance(body, dict) else body))


# (API prefix, filter, what the filter names: "contract" | "vendor" | "program")
API_CASES = [
    ("credits", "contract", "contract"),
    ("scorecards", "contract", "contract"),
    ("scorecards", "vendor", "vendor"),
    ("quality-audits", "contract", "contract"),
    ("quality-audits", "vendor", "vendor"),
    ("quality-reviews", "program", "program"),
    ("quality-reviews", "contract", "contract"),
    ("quality-standards", "program", "program"),
    ("lessons", "program", "program"),
    ("improvement-initiatives", "program", "program"),
    ("improvement-initiatives", "contract", "contract"),
    ("corrective-actions", "vendor", "vendor"),
    ("corrective-actions", "contract", "contract"),
    ("invoices", "contract", "contract"),
    ("samples", "contract", "contract"),
    ("service-levels", "contract", "contract"),
    ("obligations", "contract", "contract"),
]
ROWS_OF = {
    "quality-audits": "audits",
    "quality-reviews": "reviews",
    "quality-standards": "standards",
    "improvement-initiatives": "initiatives",
    "corrective-actions": "actions",
}


def _values(world, rows, kind, side):
    """The code and the id naming the record of side 0 (program A) or 1 (program B)."""
    contract = _contract(world, rows, side)
    record = {"contract": contract, "vendor": contract.vendor, "program": contract.program}[kind]
    code = {"contract": "number", "vendor": "name", "program": "code"}[kind]
    return getattr(record, code), str(record.pk)


@pytest.mark.parametrize(("prefix", "name", "kind"), API_CASES)
def test_api_record_filter_takes_the_id_or_the_code(world, client, prefix, name, kind):
    rows = ROWS_OF.get(prefix, prefix)
    mine, theirs = world.rows[rows]
    client.force_login(world.cast.admin)
    url = f"/api/v1/{prefix}/"
    assert set(_ids(client.get(url))) >= {mine.pk, theirs.pk}
    for side, record in ((0, mine), (1, theirs)):
        code, pk = _values(world, rows, kind, side)
        for value in (code, pk, code.lower()):
            assert _ids(client.get(url, {name: value})) == [record.pk], (name, value)
    missing = client.get(url, {name: "NO-SUCH-RECORD"})
    assert missing.status_code == 400 and name in missing.content.decode()


@pytest.mark.parametrize(("prefix", "name", "kind"), [case for case in API_CASES if case[2] != "vendor"])
def test_api_record_filter_refuses_another_programs_record_like_a_missing_one(world, client, prefix, name, kind):
    """The manager of program A names program B's record: the same 400 as a record that does not
    exist (the message does not tell them apart), and no rows."""
    rows = ROWS_OF.get(prefix, prefix)
    client.force_login(world.cast.manager)
    url = f"/api/v1/{prefix}/"
    code, _pk = _values(world, rows, kind, 0)
    assert _ids(client.get(url, {name: code})) == [world.rows[rows][0].pk]
    missing = client.get(url, {name: "NO-SUCH-RECORD"})
    for value in _values(world, rows, kind, 1):
        other = client.get(url, {name: value})
        assert other.status_code == 400, (value, other.content[:300])
        assert "results" not in other.json()
        body = other.content.decode()
        assert _values(world, rows, kind, 1)[0] not in body  # nothing of the other record is told
        assert other.json()["errors"][0]["attr"] == missing.json()["errors"][0]["attr"] == name
        assert other.json()["errors"][0]["code"] == missing.json()["errors"][0]["code"]


def _table(page: str) -> str:
    """The list's rows (not its export links, which carry the filter as typed)."""
    results = page.split('id="list-results"')[1]
    return results.split("<tbody")[1].split("</tbody>")[0] if "<tbody" in results else ""


# (page url name, filter, kind, rows)
PAGE_CASES = [
    ("performance:credit_list", "contract", "contract", "credits"),
    ("performance:scorecard_list", "contract", "contract", "scorecards"),
    ("performance:scorecard_list", "vendor", "vendor", "scorecards"),
    ("performance:quality_audit_list", "contract", "contract", "audits"),
    ("performance:quality_audit_list", "vendor", "vendor", "audits"),
    ("performance:quality_review_list", "program", "program", "reviews"),
    ("performance:quality_review_list", "contract", "contract", "reviews"),
    ("performance:quality_standard_list", "program", "program", "standards"),
    ("performance:lesson_list", "program", "program", "lessons"),
    ("performance:initiative_list", "program", "program", "initiatives"),
    ("performance:initiative_list", "contract", "contract", "initiatives"),
    ("risk:action_list", "vendor", "vendor", "actions"),
    ("risk:action_list", "contract", "contract", "actions"),
]

MARKERS = {
    "credits": lambda r: r.period.contract.number,
    "scorecards": lambda r: r.contract.number,
    "audits": lambda r: r.reference,
    "reviews": lambda r: r.title,
    "standards": lambda r: r.process,
    "lessons": lambda r: r.title,
    "initiatives": lambda r: r.title,
    "actions": lambda r: r.title,
}


@pytest.mark.parametrize(("url_name", "name", "kind", "rows"), PAGE_CASES)
def test_page_record_filter_is_a_picker_taking_the_id_or_the_code(world, client, url_name, name, kind, rows):
    client.force_login(world.cast.admin)
    url = reverse(url_name)
    mine, theirs = world.rows[rows]
    marker = MARKERS[rows]
    page = client.get(url).content.decode()
    assert marker(mine) in _table(page) and marker(theirs) in _table(page)
    assert re.search(rf'<input type="text" name="{name}"[^>]*data-picker-input', page)
    code, pk = _values(world, rows, kind, 0)
    for value in (code, pk):
        page = client.get(url, {name: value}).content.decode()
        assert marker(mine) in _table(page) and marker(theirs) not in _table(page), value
        assert f'value="{code}"' in page  # shown back as the code
    page = client.get(url, {name: "NO-SUCH-RECORD"}).content.decode()
    assert INVALID in page and marker(mine) not in _table(page)


@pytest.mark.parametrize(("url_name", "name", "kind", "rows"), [c for c in PAGE_CASES if c[2] != "vendor"])
def test_page_record_filter_refuses_another_programs_record(world, client, url_name, name, kind, rows):
    client.force_login(world.cast.manager)
    url = reverse(url_name)
    mine, theirs = world.rows[rows]
    marker = MARKERS[rows]
    code, _pk = _values(world, rows, kind, 0)
    assert marker(mine) in _table(client.get(url, {name: code}).content.decode())
    for value in _values(world, rows, kind, 1):
        page = client.get(url, {name: value}).content.decode()
        assert INVALID in page, value
        assert marker(mine) not in _table(page) and marker(theirs) not in _table(page)


def test_audit_standard_filter_offers_only_visible_standards(world, client):
    std_a, std_b = world.rows["standards"]
    audit_a, audit_b = world.rows["audits"]
    url = reverse("performance:quality_audit_list")
    client.force_login(world.cast.manager)
    page = client.get(url).content.decode()
    select = re.search(r'<select name="standard".*?</select>', page, re.S).group(0)
    assert f'value="{std_a.pk}"' in select and "PA · Invoices A" in select
    assert f'value="{std_b.pk}"' not in select and "Invoices B" not in select
    page = client.get(url, {"standard": std_a.pk}).content.decode()
    assert audit_a.reference in _table(page)
    page = client.get(url, {"standard": std_b.pk}).content.decode()
    assert INVALID in page and audit_a.reference not in _table(page) and audit_b.reference not in _table(page)
    api = client.get("/api/v1/quality-audits/", {"standard": std_b.pk})
    assert api.status_code == 400
    assert _ids(client.get("/api/v1/quality-audits/", {"standard": std_a.pk})) == [audit_a.pk]
    client.force_login(world.cast.admin)
    assert _ids(client.get("/api/v1/quality-audits/", {"standard": std_b.pk})) == [audit_b.pk]


@pytest.mark.parametrize("url_name", ["delivery:session_list", "delivery:training_completion"])
def test_session_course_filter_offers_only_visible_courses(world, client, url_name):
    session_a, session_b = world.rows["sessions"]
    url = reverse(url_name)
    client.force_login(world.cast.manager)
    page = client.get(url).content.decode()
    select = re.search(r'<select name="course".*?</select>', page, re.S).group(0)
    assert f'value="{session_a.course_id}"' in select and "PA · Course CA-1" in select
    assert f'value="{session_b.course_id}"' not in select and "Course CB-1" not in select
    page = client.get(url, {"course": session_a.course_id}).content.decode()
    assert f'value="{session_a.course_id}" selected' in page and INVALID not in page
    page = client.get(url, {"course": session_b.course_id}).content.decode()
    assert INVALID in page


def test_session_course_filter_filters_the_list(world, client):
    session_a, session_b = world.rows["sessions"]
    client.force_login(world.cast.admin)
    url = reverse("delivery:session_list")
    for session, other in ((session_a, session_b), (session_b, session_a)):
        table = _table(client.get(url, {"course": session.course_id}).content.decode())
        assert session.course.title in table and other.course.title not in table
    assert _ids(client.get("/api/v1/training-sessions/", {"course": session_b.course_id})) == [session_b.pk]
    client.force_login(world.cast.manager)
    assert client.get("/api/v1/training-sessions/", {"course": session_b.course_id}).status_code == 400
    assert _ids(client.get("/api/v1/training-sessions/", {"course": session_a.course_id})) == [session_a.pk]


@pytest.fixture
def plan(world):
    from delivery.models import StatusReport
    from tests.delivery.plan_factories import task

    cast = world.cast
    tasks = (
        task(cast.program_a, "Task of A", 1, 5, contract=world.contract_a, vendor=cast.vendor_x),
        task(cast.program_b, "Task of B", 1, 5, contract=world.contract_b, vendor=cast.vendor_y),
    )
    reports = tuple(
        StatusReport.objects.create(program=p, period=datetime.date(2026, 1, 1), created_by=cast.admin)
        for p in (cast.program_a, cast.program_b)
    )
    return tasks, reports


@pytest.mark.parametrize("kind", ["program", "contract", "vendor"])
def test_task_filters_take_the_id_or_the_code(world, plan, client, kind):
    (task_a, task_b), _reports = plan
    client.force_login(world.cast.admin)
    for side, record in ((0, task_a), (1, task_b)):
        for value in _values(world, "actions", kind, side):
            assert _ids(client.get("/api/v1/plan-tasks/", {kind: value})) == [record.pk], value
    assert client.get("/api/v1/plan-tasks/", {kind: "NO-SUCH-RECORD"}).status_code == 400
    code, _pk = _values(world, "actions", kind, 0)
    table = _table(client.get(reverse("delivery:task_list"), {kind: code}).content.decode())
    assert "Task of A" in table and "Task of B" not in table
    page = client.get(reverse("delivery:task_list"), {kind: "NO-SUCH-RECORD"}).content.decode()
    assert INVALID in page and "Task of" not in _table(page)


def test_task_and_report_filters_refuse_another_programs_record(world, plan, client):
    (task_a, _task_b), (report_a, _report_b) = plan
    client.force_login(world.cast.manager)
    assert _ids(client.get("/api/v1/plan-tasks/", {"program": "PA"})) == [task_a.pk]
    assert _ids(client.get("/api/v1/status-reports/", {"program": "pa"})) == [report_a.pk]
    for kind in ("program", "contract"):
        for value in _values(world, "actions", kind, 1):
            assert client.get("/api/v1/plan-tasks/", {kind: value}).status_code == 400
            page = client.get(reverse("delivery:task_list"), {kind: value}).content.decode()
            assert INVALID in page and "Task of" not in _table(page)
    for value in _values(world, "actions", "program", 1):
        assert client.get("/api/v1/status-reports/", {"program": value}).status_code == 400
    page = client.get(reverse("delivery:task_list"), {"program": "PA"}).content.decode()
    assert "<h1>Tasks · PA</h1>" in page  # the program the list is filtered on, named by its code


@pytest.mark.parametrize(
    ("prefix", "name"),
    [("sla-periods", "contract"), ("sla-results", "contract"), ("sla-results", "period__contract")],
)
def test_sla_period_and_result_filters_take_the_contract_number(world, client, prefix, name):
    from performance.models import Result

    for credit in (c for pair in [world.rows["credits"]] for c in pair):
        Result.objects.create(
            period=credit.period, service_level=credit.service_level, value=D("80"), sample_count=1, state="met",
            expected=D("80"), minimum=D("75"), direction="higher", computed_at=timezone.now(),
        )  # fmt: skip
    model = Period if prefix == "sla-periods" else Result
    field = "contract" if prefix == "sla-periods" else "period__contract"
    mine = model.objects.get(**{field: world.contract_a}).pk
    theirs = model.objects.get(**{field: world.contract_b}).pk
    url = f"/api/v1/{prefix}/"
    client.force_login(world.cast.admin)
    for value in ("CA-1", str(world.contract_a.pk)):
        assert _ids(client.get(url, {name: value})) == [mine]
    assert _ids(client.get(url, {name: "cb-1"})) == [theirs]
    client.force_login(world.cast.manager)
    assert _ids(client.get(url, {name: "CA-1"})) == [mine]
    for value in ("CB-1", str(world.contract_b.pk), "NO-SUCH-RECORD"):
        answer = client.get(url, {name: value})
        assert answer.status_code == 400 and "CB-1" not in answer.content.decode()


def test_invoice_page_contract_filter_takes_the_number(world, client):
    """The invoice list hides its contract filter (contract pages link to it) but takes the number
    and shows a wrong one's error."""
    inv_a, inv_b = world.rows["invoices"]
    url = reverse("delivery:invoice_list")
    client.force_login(world.cast.admin)
    for value in ("CA-1", str(world.contract_a.pk)):
        table = _table(client.get(url, {"contract": value}).content.decode())
        assert inv_a.number in table and inv_b.number not in table
    client.force_login(world.cast.manager)
    page = client.get(url, {"contract": "CB-1"}).content.decode()
    assert INVALID in page and inv_a.number not in _table(page) and inv_b.number not in _table(page)
