"""Finance and legal read across programs only their part (bpo.core.scoping): finance every
program's money (budget lines, invoices, cost entries, service-level results and credits) and its
contracts, legal every program's contracts; both every program's header. The program's other
records (plan, risks, measurements, scorecards...) they read only as members, as program staff do.
Administrators and executives keep reading everything.

In the cast, finance and legal are members of no program; program A is the manager's."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from bpo.accounts.choices import ProgramRole
from contracts.models import Contract, Obligation
from delivery.models import CostEntry, Invoice, Sample, Task, WorkPackage
from performance.models import Credit, Period, Result
from risk.models import Risk
from strategy.models import BudgetLine, Milestone, Program
from tests.contracts.factories import SampleFactory, contract_of_a
from tests.factories import MembershipFactory


@pytest.fixture
def world(cast):
    """Program A's money, contract and other records, none of them created by finance or legal."""
    contract = contract_of_a(cast)
    sl = contract.service_levels.get()
    period = Period.objects.create(contract=contract, kind="monthly", start=date(2026, 1, 1), end=date(2026, 2, 1))
    result = Result.objects.create(
        period=period,
        service_level=sl,
        value=Decimal("70"),
        sample_count=10,
        state="breach",
        expected=sl.expected,
        minimum=sl.minimum,
        direction=sl.direction,
        computed_at=timezone.now(),
    )
    package = WorkPackage.objects.create(program=cast.program_a, name="Transition")
    return {
        "contract": contract,
        "obligation": Obligation.objects.create(
            contract=contract, party="vendor", category="reporting", title="Monthly report", due_date="2026-02-05"
        ),
        "budget": BudgetLine.objects.create(program=cast.program_a, category="other", period="2026", planned_amount=1),
        "invoice": Invoice.objects.create(
            contract=contract, number="INV-1", period=date(2026, 1, 1), submitted_by=cast.vendor_x_admin
        ),
        "cost": CostEntry.objects.create(
            program=cast.program_a,
            category="other",
            period=date(2026, 1, 1),
            amount=10,
            description="Licences",
            created_by=cast.manager,
        ),
        "result": result,
        "credit": Credit.objects.create(
            period=period, service_level=sl, allocation_pct=40, uncapped_amount=4000, amount=4000
        ),
        "risk": Risk.objects.create(
            program=cast.program_a, title="Agent attrition", category="operational", event="Agents leave"
        ),
        "task": Task.objects.create(
            program=cast.program_a,
            work_package=package,
            name="Hire agents",
            baseline_start=date(2026, 1, 1),
            baseline_finish=date(2026, 1, 31),
        ),
        "milestone": Milestone.objects.create(
            program=cast.program_a, name="Go-live", phase="transition", baseline_date="2026-12-01"
        ),
        "sample": SampleFactory(service_level=sl, measured_at=datetime(2026, 1, 5, tzinfo=UTC)),
    }


MONEY = {"budget": BudgetLine, "invoice": Invoice, "cost": CostEntry, "result": Result, "credit": Credit}
CONTRACTS = {"contract": Contract, "obligation": Obligation}
CONTENT = {"risk": Risk, "task": Task, "milestone": Milestone, "sample": Sample}


def _reads(user, world, models) -> dict:
    return {key: model.objects.visible_to(user).filter(pk=world[key].pk).exists() for key, model in models.items()}


def test_finance_reads_money_and_contracts_not_risks_tasks_measurements_of_a_program_it_is_not_in(cast, world):
    assert _reads(cast.finance, world, MONEY) == dict.fromkeys(MONEY, True)
    assert _reads(cast.finance, world, CONTRACTS) == dict.fromkeys(CONTRACTS, True)
    assert Program.objects.visible_to(cast.finance).filter(pk=cast.program_a.pk).exists()
    assert _reads(cast.finance, world, CONTENT) == dict.fromkeys(CONTENT, False)


def test_finance_reads_them_once_a_viewer_of_the_program(cast, world):
    assert _reads(cast.finance, world, CONTENT) == dict.fromkeys(CONTENT, False)
    MembershipFactory(user=cast.finance, program=cast.program_a, role=ProgramRole.VIEWER)
    assert _reads(cast.finance, world, CONTENT) == dict.fromkeys(CONTENT, True)


def test_an_evaluator_membership_does_not_open_them_to_finance(cast, world):
    MembershipFactory(user=cast.finance, program=cast.program_a, role=ProgramRole.EVALUATOR)
    assert _reads(cast.finance, world, CONTENT) == dict.fromkeys(CONTENT, False)


def test_legal_reads_contracts_but_neither_money_nor_other_records(cast, world):
    assert _reads(cast.legal, world, CONTRACTS) == dict.fromkeys(CONTRACTS, True)
    assert _reads(cast.legal, world, MONEY) == dict.fromkeys(MONEY, False)
    assert _reads(cast.legal, world, CONTENT) == dict.fromkeys(CONTENT, False)
    assert Program.objects.visible_to(cast.legal).filter(pk=cast.program_a.pk).exists()


def test_legal_reads_the_programs_records_once_a_viewer(cast, world):
    assert _reads(cast.legal, world, {**MONEY, **CONTENT}) == dict.fromkeys({**MONEY, **CONTENT}, False)
    MembershipFactory(user=cast.legal, program=cast.program_a, role=ProgramRole.VIEWER)
    assert _reads(cast.legal, world, MONEY) == dict.fromkeys(MONEY, True)
    assert _reads(cast.legal, world, CONTENT) == dict.fromkeys(CONTENT, True)


def test_only_administrators_and_executives_read_everything_of_every_program(cast, world):
    everything = {**MONEY, **CONTRACTS, **CONTENT}
    for user in (cast.admin, cast.executive):
        assert _reads(user, world, everything) == dict.fromkeys(everything, True), user
    for user in (cast.finance, cast.legal):
        assert not all(_reads(user, world, everything).values()), user


def _status(client, user, name, pk):
    client.force_login(user)
    return client.get(reverse(name, args=[pk])).status_code


def test_finance_pages_money_yes_plan_and_risks_no(cast, world, client):
    f = cast.finance
    assert _status(client, f, "delivery:invoice_detail", world["invoice"].pk) == 200
    assert _status(client, f, "delivery:program_budget", cast.program_a.pk) == 200
    assert _status(client, f, "contracts:contract_detail", world["contract"].pk) == 200
    assert _status(client, f, "risk:risk_detail", world["risk"].pk) == 404
    assert _status(client, f, "delivery:plan", cast.program_a.pk) == 404
    assert _status(client, f, "performance:dashboard", world["contract"].pk) == 200  # results and credits
    assert _status(client, f, "delivery:measurement_list", world["contract"].pk) == 404
    MembershipFactory(user=f, program=cast.program_a, role=ProgramRole.VIEWER)
    assert _status(client, f, "risk:risk_detail", world["risk"].pk) == 200
    assert _status(client, f, "delivery:plan", cast.program_a.pk) == 200
    assert _status(client, f, "delivery:measurement_list", world["contract"].pk) == 200


def test_legal_pages_contracts_yes_money_and_risks_no(cast, world, client):
    legal = cast.legal
    assert _status(client, legal, "contracts:contract_detail", world["contract"].pk) == 200
    assert _status(client, legal, "delivery:invoice_detail", world["invoice"].pk) == 404
    assert _status(client, legal, "delivery:program_budget", cast.program_a.pk) == 404
    assert _status(client, legal, "risk:risk_detail", world["risk"].pk) == 404
    assert _status(client, legal, "performance:dashboard", world["contract"].pk) == 404
    MembershipFactory(user=legal, program=cast.program_a, role=ProgramRole.VIEWER)
    assert _status(client, legal, "delivery:invoice_detail", world["invoice"].pk) == 200
    assert _status(client, legal, "risk:risk_detail", world["risk"].pk) == 200


def _api_ids(client, user, name) -> set:
    client.force_login(user)
    response = client.get(reverse(name), {"page_size": 100})
    assert response.status_code == 200
    body = response.json()
    return {row["id"] for row in (body["results"] if isinstance(body, dict) else body)}


def test_api_lists_leave_out_what_finance_and_legal_do_not_read(cast, world, client):
    assert world["invoice"].pk in _api_ids(client, cast.finance, "invoice-list")
    assert world["risk"].pk not in _api_ids(client, cast.finance, "risk-list")
    assert world["task"].pk not in _api_ids(client, cast.finance, "plan-task-list")
    assert world["contract"].pk in _api_ids(client, cast.legal, "contract-list")
    assert world["invoice"].pk not in _api_ids(client, cast.legal, "invoice-list")
    assert world["risk"].pk in _api_ids(client, cast.executive, "risk-list")


def test_program_page_shows_finance_the_budget_not_the_plan_sections(cast, world, client):
    client.force_login(cast.finance)
    page = client.get(reverse("strategy:program_detail", args=[cast.program_a.pk])).content.decode()
    assert 'id="h-budget"' in page
    assert 'data-testid="gates"' not in page
    assert 'id="h-milestones"' not in page
    assert reverse("delivery:plan", args=[cast.program_a.pk]) not in page


def test_program_page_shows_legal_the_header_only(cast, world, client):
    client.force_login(cast.legal)
    page = client.get(reverse("strategy:program_detail", args=[cast.program_a.pk])).content.decode()
    assert "Program A" in page
    assert 'id="h-budget"' not in page
    assert 'data-testid="gates"' not in page
    assert reverse("delivery:program_budget", args=[cast.program_a.pk]) not in page


def test_program_page_shows_a_finance_viewer_member_everything(cast, world, client):
    client.force_login(cast.finance)
    page = client.get(reverse("strategy:program_detail", args=[cast.program_a.pk])).content.decode()
    assert 'data-testid="gates"' not in page
    MembershipFactory(user=cast.finance, program=cast.program_a, role=ProgramRole.VIEWER)
    page = client.get(reverse("strategy:program_detail", args=[cast.program_a.pk])).content.decode()
    assert 'data-testid="gates"' in page
    assert 'id="h-milestones"' in page
    assert 'id="h-budget"' in page


def _contract_page(client, user, contract) -> str:
    client.force_login(user)
    return client.get(reverse("contracts:contract_detail", args=[contract.pk])).content.decode()


def test_contract_page_links_only_what_finance_and_legal_read(cast, world, client):
    contract = world["contract"]
    dashboard = reverse("performance:dashboard", args=[contract.pk])
    measurements = reverse("delivery:measurement_list", args=[contract.pk])
    page = _contract_page(client, cast.legal, contract)
    assert dashboard not in page and measurements not in page
    page = _contract_page(client, cast.finance, contract)
    assert dashboard in page and measurements not in page
    page = _contract_page(client, cast.manager, contract)
    assert dashboard in page and measurements in page
