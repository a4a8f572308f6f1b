"""Demo data of the implementation plan, the transition checklist and the status reports
(called by load_demo; idempotent: nothing is added once CS-2026 has a plan)."""

from datetime import UTC, date, datetime

from django.utils import timezone

from .models import Task, TransitionItem, WorkPackage

D = date

# (work package, name, baseline start, baseline finish, actual start, actual finish, percent, owner, depends on)
TASKS = [
    (
        "Knowledge transfer · 知识转移",
        "Document current processes · 整理现有流程",
        D(2026, 6, 1),
        D(2026, 6, 19),
        D(2026, 6, 1),
        D(2026, 6, 19),
        100,
        "pm",
        [],
    ),
    (
        "Knowledge transfer · 知识转移",
        "Vendor agents shadow our team",
        D(2026, 6, 22),
        D(2026, 7, 10),
        D(2026, 6, 24),
        D(2026, 7, 14),
        100,
        "apex.agent",
        [1],
    ),
    (
        "Knowledge transfer · 知识转移",
        "Reverse shadowing · 反向跟岗",
        D(2026, 7, 15),
        D(2026, 7, 31),
        D(2026, 7, 15),
        D(2026, 8, 5),
        100,
        "apex.agent",
        [2],
    ),
    (
        "Parallel run · 并行运行",
        "Parallel run: e-mail and chat",
        D(2026, 8, 3),
        D(2026, 8, 21),
        D(2026, 8, 6),
        D(2026, 8, 24),
        100,
        "apex.admin",
        [3],
    ),
    (
        "Parallel run · 并行运行",
        "Compare quality results",
        D(2026, 8, 24),
        D(2026, 8, 28),
        D(2026, 8, 25),
        D(2026, 8, 28),
        100,
        "contributor",
        [4],
    ),
    (
        "Go-live · 上线",
        "Cut-over weekend · 切换周末",
        D(2026, 8, 31),
        D(2026, 9, 1),
        D(2026, 8, 31),
        D(2026, 9, 1),
        100,
        "pm",
        [5],
    ),
    (
        "Go-live · 上线",
        "Hypercare",
        D(2026, 9, 2),
        D(2026, 10, 2),
        D(2026, 9, 2),
        D(2026, 10, 9),
        100,
        "apex.admin",
        [6],
    ),
    (
        "Stabilisation · 稳定运营",
        "Update IVR messages",
        D(2026, 9, 7),
        D(2026, 9, 25),
        D(2026, 9, 8),
        D(2026, 9, 24),
        100,
        "contributor",
        [],
    ),
    (
        "Stabilisation · 稳定运营",
        "Knowledge base in Chinese · 中文知识库",
        D(2026, 10, 12),
        D(2026, 11, 20),
        D(2026, 10, 19),
        None,
        60,
        "apex.agent",
        [7],
    ),
    (
        "Stabilisation · 稳定运营",
        "Workforce model for peak season",
        D(2026, 11, 2),
        D(2026, 12, 11),
        D(2026, 11, 9),
        None,
        30,
        "apex.admin",
        [7],
    ),
    (
        "Stabilisation · 稳定运营",
        "Quarterly business review pack",
        D(2026, 12, 14),
        D(2026, 12, 18),
        None,
        None,
        0,
        "pm",
        [9, 10],
    ),
]

# (category, title, mandatory, done by (None = open), evidence)
ITEMS = [
    (
        "knowledge_transfer",
        "Process documentation signed off · 流程文档已签核",
        True,
        "pm",
        "Sign-off sheet KT-01, 19 June",
    ),
    ("knowledge_transfer", "Vendor team passes the knowledge test", True, "contributor", "Pass rate 94% (minimum 85%)"),
    (
        "parallel_run",
        "Two weeks of parallel run without critical defects",
        True,
        "contributor",
        "Defect log PR-2026-08: no critical",
    ),
    (
        "go_live",
        "Support desk staffed and trained · 支持台人员到位",
        True,
        "pm",
        "Roster and training records, 28 August",
    ),
    ("go_live", "Rollback plan approved", True, "pm", "Steering committee minutes, 27 August"),
    ("go_live", "Customer communication sent", False, None, ""),
]


def load_plan(*, users, programs) -> int:
    """CS-2026: a transition plan (done, partly late) and a stabilisation work package in
    progress; its transition checklist; October's status reports (staff and Apex), submitted."""
    program = programs["CS-2026"]
    if WorkPackage.objects.filter(program=program).exists():
        return 0
    from contracts.models import Contract

    from .status_report import status_report_create, status_report_submit

    created = 0
    packages, tasks = {}, []
    vendor = Contract.objects.filter(program=program).values_list("vendor_id", flat=True).first()
    for package, name, bs, bf, as_, af, pct, owner, deps in TASKS:
        if package not in packages:
            packages[package] = WorkPackage.objects.create(program=program, name=package, position=len(packages))
            created += 1
        user = users[owner]
        task = Task.objects.create(
            program=program,
            work_package=packages[package],
            name=name,
            owner=user,
            vendor_id=user.vendor_id or (vendor if owner == "apex.admin" else None),
            baseline_start=bs,
            baseline_finish=bf,
            actual_start=as_,
            actual_finish=af,
            percent_complete=pct,
        )
        task.depends_on.set([tasks[i - 1] for i in deps])
        tasks.append(task)
        created += 1
    done_on = datetime(2026, 8, 28, 9, 0, tzinfo=UTC)
    for category, title, mandatory, done_by, evidence in ITEMS:
        TransitionItem.objects.create(
            program=program,
            category=category,
            title=title,
            mandatory=mandatory,
            done_by=users[done_by] if done_by else None,
            done_at=done_on if done_by else None,
            evidence=evidence,
        )
        created += 1
    october = D(2026, 10, 1)
    if october <= timezone.localdate():
        report = status_report_create(program=program, period=october, by=users["pm"])
        status_report_submit(
            report=report,
            by=users["pm"],
            narrative="Hypercare ended a week late; the Chinese knowledge base started late. "
            "Budget on track. 超级护理期延后一周结束。",
        )
        contract = Contract.objects.filter(program=program).first()
        if contract is not None and users["apex.admin"].vendor_id == contract.vendor_id:
            report = status_report_create(contract=contract, period=october, by=users["apex.admin"])
            status_report_submit(
                report=report, by=users["apex.admin"], narrative="Hiring for the peak season is on plan."
            )
        created += 2
    return created
