"""The home page per role: the numbers each role acts on, only of programs the user may see,
each linking to the list behind it (the same rows), in a bounded number of queries."""

import re
from datetime import timedelta
from decimal import Decimal
from html import unescape
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import resolve, reverse
from django.utils import timezone

from bpo.core.dashboard import EXECUTIVE, FINANCE, MANAGER, MEMBER, audiences_for, staff_dashboard
from contracts.models import Obligation, ServiceLevel
from delivery.models import ActionItem, Invoice, Meeting
from performance.dashboard import month_bounds
from performance.models import Credit, Period, Result
from risk.models import CorrectiveAction, Risk
from strategy.models import BudgetLine, Program
from tests.contracts.factories import ContractFactory
from tests.factories import MembershipFactory, ProgramFactory

D = Decimal


def world(cast, program, *, vendor=None, suffix=""):
    """On one program: an active contract with a breached SLA this month (with a pending credit),
    an overdue and a current corrective action, a critical and a low risk, a budget of 1000 with
    800 approved invoices and one submitted invoice."""
    vendor = vendor or cast.vendor_x
    today = timezone.localdate()
    first, following = month_bounds(today)
    contract = ContractFactory(
        program=program, vendor=vendor, number=f"C-{program.code}{suffix}", status="active", terms_version=1
    )
    sla = ServiceLevel.objects.create(
        contract=contract,
        code="ASA",
        name="ASA",
        kind="sla",
        measure="average",
        direction="higher",
        expected=D("80"),
        minimum=D("75"),
        allocation_pct=D("10"),
        min_samples=1,
    )
    period = Period.objects.create(contract=contract, kind="monthly", start=first, end=following)
    result = Result.objects.create(
        period=period,
        service_level=sla,
        value=D("50"),
        sample_count=10,
        state="breach",
        expected=D("80"),
        minimum=D("75"),
        direction="higher",
        computed_at=timezone.now(),
    )
    Credit.objects.create(
        period=period,
        service_level=sla,
        allocation_pct=D("10"),
        amount=D("120"),
        status="pending",
        uncapped_amount=D("120"),
    )
    old = Period.objects.create(
        contract=contract, kind="monthly", start=(first - timedelta(days=1)).replace(day=1), end=first
    )
    Result.objects.create(
        period=old,
        service_level=sla,
        value=D("50"),
        sample_count=10,
        state="breach",
        expected=D("80"),
        minimum=D("75"),
        direction="higher",
        computed_at=timezone.now(),
    )
    owner = cast.manager if program == cast.program_a else cast.outsider
    for title, due in (("Late", today - timedelta(days=3)), ("Current", today + timedelta(days=3))):
        CorrectiveAction.objects.create(
            program=program, source="risk_review", title=title, problem="p", owner=owner, due_date=due, status="open"
        )
    vendor_owner = cast.vendor_x_user if vendor == cast.vendor_x else cast.vendor_y_admin
    CorrectiveAction.objects.create(
        program=program,
        source="risk_review",
        title="For the vendor",
        problem="p",
        owner=vendor_owner,
        vendor=vendor,
        due_date=today + timedelta(days=9),
        status="open",
    )
    for title, score in (("Critical one", 5), ("Small one", 1)):
        Risk.objects.create(
            program=program,
            title=title,
            category="operational",
            event="e",
            owner=owner,
            inherent_likelihood=score,
            inherent_impact=score,
            residual_likelihood=score,
            residual_impact=score,
            assessed_at=timezone.now(),
        )
    BudgetLine.objects.create(program=program, category="vendor_fees", period=f"{today.year}", planned_amount=D("1000"))
    Obligation.objects.create(
        contract=contract, party="vendor", category="reporting", title="Report", due_date=today, status="open"
    )
    meeting = Meeting.objects.create(
        program=program, kind="weekly_ops", title="Ops", starts_at=timezone.now(), created_by=owner
    )
    vendor_user = cast.vendor_x_user if vendor == cast.vendor_x else cast.vendor_y_admin
    for title, who, due in (
        ("Late item", owner, today - timedelta(days=2)),
        ("Vendor item", vendor_user, today + timedelta(days=5)),
    ):
        ActionItem.objects.create(
            meeting=meeting, program=program, title=title, owner=who, vendor=who.vendor, due_date=due, status="open"
        )
    for number, status, net in (("I-1", "approved", "800"), ("I-2", "submitted", "0"), ("I-3", "validated", "0")):
        Invoice.objects.create(
            contract=contract,
            number=number,
            period=first,
            status=status,
            gross_amount=D("100") if status != "approved" else D(net),
            net_amount=D(net),
            submitted_by=cast.vendor_x_admin if vendor == cast.vendor_x else cast.vendor_y_admin,
        )
    return {"contract": contract, "result": result}


def _tiles(html):
    """{tile key: (value, href)} as rendered."""
    out = {}
    for key, href, value in re.findall(
        r'data-tile="([^"]+)"><a href="([^"]+)"><span class="tile-label">[^<]*</span><span class="tile-value">([^<]*)</span>',
        html,
    ):
        out.setdefault(key, []).append((value, unescape(href)))
    return out


def _home(client, user):
    client.force_login(user)
    response = client.get(reverse("core:home"))
    assert response.status_code == 200
    return response.content.decode()


def _list_count(client, href):
    """Open the list a tile links to and count its rows (the table body's rows)."""
    response = client.get(href)
    assert response.status_code == 200, href
    return response.context["paginator"].count


@pytest.fixture
def both(cast):
    world(cast, cast.program_a)
    world(cast, cast.program_b, vendor=cast.vendor_y)
    return cast


def test_audiences_per_role(cast):
    assert audiences_for(cast.manager) == {MANAGER}
    assert audiences_for(cast.outsider) == {MANAGER}
    assert audiences_for(cast.contributor) == {MEMBER}
    assert audiences_for(cast.finance) == {FINANCE}
    assert audiences_for(cast.executive) == {EXECUTIVE}
    assert audiences_for(cast.admin) == {FINANCE, EXECUTIVE}


def test_manager_sees_the_numbers_of_their_program_only(both, client):
    html = _home(client, both.manager)
    tiles = _tiles(html)
    assert tiles["sla-breaches"][0][0] == "1"  # this month's breach, not last month's, not program B's
    assert tiles["actions-overdue"][0][0] == "1"
    assert tiles["risks-critical"][0][0] == "1"
    assert tiles["budget-burn"][0][0] == "80%"
    assert tiles["gates-pending"][0][0] == "1"
    assert tiles["action-items-overdue"][0][0] == "1"
    assert "Program B" not in html and "C-PB" not in html
    # the programs table: next gate, SLA breaches, overdue actions, critical risks, budget burn
    for column in (
        "next-gate",
        "sla-breaches",
        "actions-overdue",
        "risks-critical",
        "budget-burn",
        "action-items-overdue",
    ):
        assert f'data-column="{column}"' in html
    assert reverse("delivery:program_budget", args=[both.program_a.pk]) in html
    # top risks: the critical one first; the other program's never
    assert "Critical one" in html and html.count("Critical one") == 1


def test_each_tile_links_to_a_list_showing_the_same_number(both, client):
    for user in (both.manager, both.finance, both.executive, both.admin, both.contributor):
        html = _home(client, user)
        for key, entries in _tiles(html).items():
            for value, href in entries:
                match = resolve(urlsplit(href).path)
                assert match.url_name, href
                # not row counts: a percentage, programs before their last gate, breaches (the list shows credits)
                if key in ("budget-burn", "gates-pending", "sla-breaches"):
                    continue
                assert _list_count(client, href) == int(value), (user.username, key, href)


def test_sla_breach_tile_links_to_the_credits_of_this_month(both, client):
    html = _home(client, both.manager)
    value, href = _tiles(html)["sla-breaches"][0]
    params = dict(parse_qsl(urlsplit(href).query))
    assert params == {"period_from": month_bounds()[0].isoformat()}
    assert _list_count(client, href) == 1  # the one credit the breach earned


def test_finance_sees_credits_invoices_and_burn_across_programs(both, client):
    tiles = _tiles(_home(client, both.finance))
    assert tiles["credits-pending"][0][0] == "2"
    assert tiles["credits-provisional"][0][0] == "0"
    assert tiles["invoices-submitted"][0][0] == "2"
    assert tiles["invoices-validated"][0][0] == "2"
    assert tiles["budget-burn"][0][0] == "80%"
    assert "invoices-submitted" not in _tiles(_home(client, both.manager))


def test_executive_sees_the_portfolio(both, client):
    ProgramFactory(code="PC", name="Program C", phase="sourcing")
    html = _home(client, both.executive)
    tiles = _tiles(html)
    assert tiles["phase-strategy"][0][0] == "2" and tiles["phase-sourcing"][0][0] == "1"
    assert tiles["sla-breaches"][0][0] == "2"
    assert tiles["risks-critical"][0][0] == "2"
    assert tiles["budget-burn"][0][0] == "80%"  # "Spend" across the portfolio
    assert 'data-section="executive"' in html and 'data-section="finance"' not in html


def test_member_sees_open_work_without_program_figures(both, client):
    html = _home(client, both.contributor)
    tiles = _tiles(html)
    assert set(tiles) == {"actions-overdue", "action-items-overdue"} and tiles["actions-overdue"][0][0] == "1"
    assert tiles["action-items-overdue"][0][0] == "0"  # only their own: the late item is the manager's
    assert "data-column=" not in html


def test_vendor_portal_home_shows_its_own_service_levels_actions_and_invoices(both, client):
    client.force_login(both.vendor_x_admin)
    html = client.get(reverse("portal:home")).content.decode()
    tiles = _tiles(html)
    assert tiles["portal-sl-breaches"][0][0] == "1"  # vendor X's contract only
    assert tiles["portal-invoices-open"][0][0] == "2"
    assert tiles["portal-actions"][0][0] == "1"  # assigned to vendor X's user
    assert tiles["portal-obligations"][0][0] == "1"
    assert tiles["portal-action-items"][0][0] == "1"  # vendor X's open obligation, not vendor Y's
    for entries in tiles.values():
        for _value, href in entries:
            assert client.get(href).status_code == 200, href


def test_staff_dashboard_counts_nothing_outside_the_visible_programs(both):
    programs = Program.objects.visible_to(both.outsider)
    data = staff_dashboard(both.outsider, programs)
    tiles = {t.key: t.value for s in data["sections"] for t in s["tiles"]}
    assert tiles["sla-breaches"] == 1 and tiles["actions-overdue"] == 1


def _home_queries(client, user):
    client.force_login(user)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("core:home")).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("role", ["manager", "finance", "executive", "admin"])
def test_home_query_count_does_not_grow_with_programs(cast, client, role):
    world(cast, cast.program_a)
    user = getattr(cast, role)
    one = _home_queries(client, user)
    for i in range(3):
        program = ProgramFactory(code=f"PX{i}")
        MembershipFactory(user=cast.manager, program=program, role="manager")
        world(cast, program, suffix=str(i))
    many = _home_queries(client, user)
    assert many == one, f"{role}: {one} queries with one program, {many} with four"


def test_home_numbers_in_chinese(both, client):
    both.manager.language = "zh-hans"
    both.manager.save(update_fields=["language"])
    client.cookies["django_language"] = "zh-hans"
    html = _home(client, both.manager)
    assert "我的项目概览" in html and "本月 SLA 违约" in html and "预算消耗" in html


def test_the_budget_burn_is_summed_once_per_home_page(both, client):
    """The tile (every visible program) and the programs table (the listed ones) share one sum."""
    client.force_login(both.finance)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("core:home")).status_code == 200
    sums = [q["sql"] for q in ctx.captured_queries if 'SUM("delivery_invoice"."net_amount")' in q["sql"]]
    assert len(sums) == 1, sums
    html = client.get(reverse("core:home")).content.decode()
    assert "80%" in html  # the tile and the programs table still show the burn


def test_the_page_memo_lives_for_one_page_only():
    from bpo.core.dashboard import one_page, page_memo

    assert page_memo() is None
    with one_page():
        page_memo()["x"] = 1
        assert page_memo() == {"x": 1}
    assert page_memo() is None
    with one_page():
        assert page_memo() == {}


def test_a_tile_counts_with_its_lists_filters_narrowed_to_the_ones_it_sets(cast):
    """The narrowed FilterSet selects the same rows as the list's own, and a filter name the
    list does not have is refused rather than silently ignored."""
    from bpo.core.dashboard import filtered
    from risk.filtersets import RiskFilterSet

    for status in ("open", "open", "closed"):
        Risk.objects.create(program=cast.program_a, title=f"R {status}", category="operational", status=status)
    params = {"status": "open"}
    full = RiskFilterSet(data=params, queryset=Risk.objects.all(), request=None).qs
    narrowed = filtered(RiskFilterSet, Risk.objects.all(), params, cast.admin)
    assert sorted(narrowed.values_list("pk", flat=True)) == sorted(full.values_list("pk", flat=True))
    assert narrowed.count() == 2
    with pytest.raises(ValueError, match="no filter"):
        filtered(RiskFilterSet, Risk.objects.all(), {"colour": "red"}, cast.admin)


def test_sla_breach_cells_link_to_the_programs_credits_of_this_month(both, client):
    """A program's "SLA breaches this month" cell opens the credits list of that program from this
    month's first day (as the tile does for all programs), not the program's contract list."""
    html = _home(client, both.executive)
    first = month_bounds()[0].isoformat()
    for program in (both.program_a, both.program_b):
        row = re.search(rf'<tr><td><a href="{re.escape(program.get_absolute_url())}">.*?</tr>', html, re.S)[0]
        hrefs = [unescape(h) for h in re.findall(r'href="([^"]+)"', row)]
        credit_links = [h for h in hrefs if resolve(urlsplit(h).path).url_name == "credit_list"]
        assert len(credit_links) == 1, hrefs
        params = dict(parse_qsl(urlsplit(credit_links[0]).query))
        assert params == {"program": str(program.pk), "period_from": first}
        response = client.get(credit_links[0])
        credits = list(response.context["paginator"].object_list)
        assert [c.period.contract.program_id for c in credits] == [program.pk]  # its one breach's credit
