"""The lifecycle part of the demo: a signed contract with service levels, three months of
measurements evaluated by the engine (one breach, so a credit), and a small risk register.

Everything goes through the apps' own services, as a user would, so the demo also proves
the paths. Each builder returns early when its records already exist (idempotent).
"""

import random
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.utils import timezone

CONTRACT_NUMBER = "CS-MSA-2026-001"


def load_contracts(*, users, programs, vendors) -> int:
    """CS-2026 x Apex: an MSA through legal and financial review, signed and active, with
    four service levels and September to November 2026 measured."""
    from contracts.models import Contract
    from contracts.services.contracts import (
        contract_create,
        contract_record_review,
        contract_set_status,
        contract_sign,
        contract_submit_for_review,
    )
    from contracts.services.terms import obligation_create, service_level_create
    from performance.services import contract_run

    if Contract.objects.filter(number=CONTRACT_NUMBER).exists():
        return 0
    pm, legal, finance = users["pm"], users["legal"], users["finance"]
    program, vendor = programs["CS-2026"], vendors["Apex Contact Solutions Ltd."]
    contract = contract_create(
        by=pm,
        program=program,
        vendor=vendor,
        number=CONTRACT_NUMBER,
        title="Customer service MSA · 客户服务主服务协议",
        contract_type="msa",
        start_date=date(2026, 9, 1),  # go-live after the transition
        end_date=program.end_date,
        auto_renewal=True,
        notice_period_days=90,
        currency="USD",
        value=Decimal("3600000.00"),
        monthly_fee=Decimal("100000.00"),
        at_risk_pct=Decimal("10.00"),
        credit_pool_limit_pct=Decimal("250.00"),
        grace_days=5,
        payment_terms="Net 30 days from an approved invoice · 发票审批后30天内付款",
        penalty_clauses="Service credits per schedule 3; three consecutive breaches of the same SLA allow "
        "termination for cause. 违约责任：按附件三计算服务抵扣；同一SLA连续三次违约可因故终止。",
        internal_notes="Negotiated 12% below the second bid.",
    )
    levels = [
        dict(
            code="ASA20",
            name="Calls answered within 20 s · 20秒内接听率",
            kind="sla",
            measure="percent_within",
            threshold=Decimal("20"),
            direction="higher",
            expected=Decimal("80"),
            minimum=Decimal("75"),
            unit="%",
            period="monthly",
            allocation_pct=Decimal("40"),
            earn_back_periods=0,
            min_samples=50,
        ),
        dict(
            code="ACC",
            name="Processing accuracy · 处理准确率",
            kind="sla",
            measure="reported",
            direction="higher",
            expected=Decimal("99.5"),
            minimum=Decimal("99.0"),
            unit="%",
            period="monthly",
            allocation_pct=Decimal("30"),
            earn_back_periods=2,
            min_samples=1,
        ),
        dict(
            code="AHT",
            name="Average handling time · 平均处理时长",
            kind="kpi",
            measure="average",
            direction="lower",
            expected=Decimal("360"),
            minimum=Decimal("420"),
            unit="s",
            period="monthly",
            allocation_pct=Decimal("0"),
            earn_back_periods=0,
            min_samples=50,
        ),
        dict(
            code="CSAT",
            name="Customer satisfaction · 客户满意度",
            kind="sla",
            measure="reported",
            direction="higher",
            expected=Decimal("85"),
            minimum=Decimal("80"),
            unit="%",
            period="monthly",
            allocation_pct=Decimal("50"),
            earn_back_periods=0,
            min_samples=1,
        ),
    ]
    for data in levels:
        service_level_create(contract=contract, by=pm, **data)
    obligation_create(
        contract=contract,
        by=pm,
        party="vendor",
        category="reporting",
        title="Monthly service report · 月度服务报告",
        due_date=timezone.localdate() + timedelta(days=10),
        recurrence="monthly",
        owner=pm,
    )
    contract_submit_for_review(contract=contract, by=pm)
    contract_record_review(
        contract=contract,
        kind="legal",
        outcome="approved",
        by=legal,
        comments="Liability cap and data protection schedule agreed. 责任上限及数据保护附件已确认。",
    )
    contract_record_review(
        contract=contract,
        kind="financial",
        outcome="approved",
        by=finance,
        comments="Within budget line 'vendor fees'.",
    )
    contract_sign(contract=contract, by=pm, signed_date=date(2026, 8, 20))
    contract_set_status(contract=contract, status="active", by=pm)
    _measure(contract=contract, vendor_user=users["apex.admin"])
    contract_run(contract_id=contract.pk)
    return 1


def _measure(*, contract, vendor_user) -> None:
    """Three months of data sent as the vendor would through the API. October breaches the
    answer-time SLA (85 of 120 calls, 70.8%, answered within 20 s: below the 75% minimum), so
    it earns a credit of 40% of the at-risk amount, 4,000.00, once finalized; its accuracy of
    99.2% is MINOR (no credit), as in the worked example of DOMAIN.md."""
    from delivery.services import samples_submit

    tz = ZoneInfo(contract.program.time_zone)
    rnd = random.Random(2026)  # the same demo on every machine
    now = timezone.now()
    # (year, month, calls within 20 s out of every 25, accuracy, CSAT)
    months = [(2026, 9, 22, "99.6", "88"), (2026, 10, 17, "99.2", "86"), (2026, 11, 21, "99.7", "87")]
    rows, line = [], 0
    for year, month, within_of_25, accuracy, csat in months:
        start = datetime(year, month, 1, 8, tzinfo=tz)
        for i in range(120):
            at = start + timedelta(hours=5 * i)
            if at >= now:
                break
            answer = rnd.uniform(5, 19.5) if i % 25 < within_of_25 else rnd.uniform(21, 95)
            handling = rnd.uniform(280, 430)
            for code, value in (("ASA20", answer), ("AHT", handling)):
                line += 1
                rows.append(
                    (
                        line,
                        {
                            "service_level": code,
                            "measured_at": at.isoformat(),
                            "value": f"{value:.1f}",
                            "reference": f"{code}-{year}{month:02d}-{i:03d}",
                        },
                    )
                )
        reported_at = datetime(year, month, 25, 12, tzinfo=tz)
        if reported_at < now:
            for code, value in (("ACC", accuracy), ("CSAT", csat)):
                line += 1
                rows.append(
                    (
                        line,
                        {
                            "service_level": code,
                            "measured_at": reported_at.isoformat(),
                            "value": value,
                            "reference": f"{code}-{year}{month:02d}",
                        },
                    )
                )
    samples_submit(contract=contract, by=vendor_user, rows=rows, source="api")


def load_risks(*, users, programs, vendors) -> int:
    """A few assessed risks on both programs, a contingency plan and a scheduled drill."""
    from risk.models import Risk, RiskReview
    from risk.services import drill_schedule, plan_create, plan_set_steps, risk_assess, risk_create

    if Risk.objects.filter(program__code__in=["CS-2026", "AP-2026"]).exists():
        return 0
    pm, pm2 = users["pm"], users["pm2"]
    cs, ap = programs["CS-2026"], programs["AP-2026"]
    apex = vendors["Apex Contact Solutions Ltd."]
    register = [
        (
            pm,
            cs,
            apex,
            "Typhoon closes the Manila delivery centre · 台风导致马尼拉交付中心关闭",
            "continuity",
            (4, 5, 3, 4),
        ),
        (
            pm,
            cs,
            apex,
            "Agent attrition above 40% degrades quality · 坐席流失率超过40%影响质量",
            "operational",
            (4, 3, 2, 3),
        ),
        (
            pm,
            cs,
            None,
            "Customer data exposed through vendor laptops · 供应商笔记本电脑泄露客户数据",
            "data",
            (2, 5, 1, 5),
        ),
        (
            pm2,
            ap,
            None,
            "Supplier invoices paid twice during transition · 过渡期间供应商发票重复支付",
            "financial",
            (3, 4, 2, 2),
        ),
        (
            pm2,
            ap,
            None,
            "Tax rule changes (e-fapiao) not applied in time · 电子发票税务规则变更未及时执行",
            "legal",
            (3, 3, 2, 2),
        ),
    ]

    def assess(risk, owner, scores, notes):
        il, ii, rl, ri = scores
        risk_assess(
            risk=risk,
            by=owner,
            inherent_likelihood=il,
            inherent_impact=ii,
            residual_likelihood=rl,
            residual_impact=ri,
            notes=notes,
        )

    risks = []
    for owner, program, vendor, title, category, scores in register:
        risk = risk_create(
            by=owner,
            program=program,
            vendor=vendor,
            title=title,
            category=category,
            cause="See the program's risk workshop, 2026-02.",
            event=title,
            effect="Service levels missed; credits and customer complaints.",
            controls="Monitored monthly in the service review.",
            treatment="mitigate",
        )
        assess(risk, owner, scores, "Initial assessment · 首次评估")
        risks.append(risk)
    # The register dates from the February risk workshop (the causes cite it), so that the past
    # months' status reports count these risks; each was reviewed again this quarter.
    workshop = timezone.make_aware(datetime(2026, 2, 16, 10, 0))
    Risk.objects.filter(pk__in=[r.pk for r in risks]).update(created_at=workshop)
    RiskReview.objects.filter(risk__in=risks).update(reviewed_at=workshop)
    for (owner, *_rest, scores), risk in zip(register, risks, strict=True):
        assess(risk, owner, scores, "Quarterly review: unchanged · 季度评审：无变化")
    plan = plan_create(
        by=pm,
        program=cs,
        risk=risks[0],
        vendor=apex,
        title="Manila site outage · 马尼拉站点中断应急预案",
        scenario="The Manila centre cannot open for more than 4 hours.",
        triggers="PAGASA signal no. 3 or higher; site power lost > 2 h.",
        resources="Overflow to the Cebu site (120 seats); in-house team of 25 for VIP lines.",
        communication_tree="Apex duty manager -> CS-2026 program manager -> Head of Customer Operations",
        recovery_time_hours=8,
        recovery_point_hours=1,
        recovery_targets="80% of calls answered within 60 s by hour 8.",
        exit_plan="",
    )
    plan_set_steps(
        plan=plan,
        by=pm,
        steps=[
            {
                "who": "Apex duty manager",
                "action": "Declare the incident and open the bridge · 宣布事件并开启电话会议",
                "within_minutes": 15,
            },
            {
                "who": "Apex WFM",
                "action": "Route voice to Cebu overflow · 将语音转至宿务备用站点",
                "within_minutes": 45,
            },
            {
                "who": "CS-2026 program manager",
                "action": "Inform customers through the IVR banner · 通过IVR通知客户",
                "within_minutes": 60,
            },
        ],
    )
    drill_schedule(
        plan=plan,
        by=pm,
        title="Q1 2027 failover drill · 2027年第一季度切换演练",
        scheduled_for=timezone.localdate() + timedelta(days=45),
        objectives=["Voice rerouted within 45 minutes", "IVR banner live within 60 minutes"],
    )
    return len(risks)


def load_charters(*, users, programs) -> int:
    """The charters: CS-2026 fully approved (goals, scope, budget approved by finance,
    milestones, stakeholders, resources); AP-2026's first revision approved by its sponsor (the
    executive, as for CS-2026), so it can pass its strategy gate (`load_gates` then submits its
    second revision, which waits for the sponsor)."""
    from strategy.models import Program
    from strategy.services.charter import budget_approve, charter_item_create, program_approve, program_submit

    created = 0
    for code, manager in (("CS-2026", users["pm"]), ("AP-2026", users["pm2"])):
        program = programs[code]
        if program.objectives.exists():
            continue
        # The demo seeds the programs as drafts so that their charters go through the real approval.
        Program.objects.filter(pk=program.pk).update(status="draft")
        program.refresh_from_db()
        for kind, rows in CHARTERS[code].items():
            for row in rows:
                if kind == "objective":
                    row = {**row, "owner": manager}
                charter_item_create(program=program, kind=kind, by=manager, **row)
                created += 1
        program_submit(program=program, by=manager)
        budget_approve(program=program, by=users["finance"])
        program_approve(program=Program.objects.get(pk=program.pk), by=users["exec"])  # its sponsor
    return created


CHARTERS = {
    "CS-2026": {
        "objective": [
            dict(
                statement="Cut the cost per contact by 25% · 单次联络成本降低25%",
                kpi="Cost per contact",
                unit="USD",
                baseline=Decimal("6.40"),
                target=Decimal("4.80"),
                target_date=date(2027, 12, 31),
                method="Monthly finance report: total service cost / handled contacts",
            ),
            dict(
                statement="Keep customer satisfaction at or above 85% · 客户满意度保持在85%以上",
                kpi="CSAT",
                unit="%",
                baseline=Decimal("84.00"),
                target=Decimal("85.00"),
                target_date=date(2026, 12, 31),
                method="Post-contact survey, 5-point scale, top-2 box",
            ),
        ],
        "scope": [
            dict(
                process="Inbound voice, level 1 and 2 · 一线和二线来电",
                in_scope=True,
                volume=Decimal("180000"),
                volume_unit="calls/month",
                locations="Manila, Cebu",
                current_fte=Decimal("210"),
            ),
            dict(
                process="Chat and e-mail · 在线聊天和电子邮件",
                in_scope=True,
                volume=Decimal("65000"),
                volume_unit="contacts/month",
                locations="Manila",
                current_fte=Decimal("60"),
            ),
            dict(
                process="Complaints handling · 投诉处理",
                in_scope=False,
                volume=Decimal("2500"),
                volume_unit="cases/month",
                locations="Shanghai",
                current_fte=Decimal("18"),
            ),
        ],
        "budget": [
            dict(category="vendor_fees", period="2026", planned_amount=Decimal("1300000.00")),
            dict(category="transition", period="2026", planned_amount=Decimal("350000.00")),
            dict(category="internal_staff", period="2026", planned_amount=Decimal("420000.00")),
            dict(category="contingency", period="2026", planned_amount=Decimal("150000.00")),
        ],
        "milestone": [
            dict(
                name="Vendor selected · 确定供应商",
                phase="sourcing",
                baseline_date=date(2026, 4, 30),
                forecast_date=date(2026, 5, 15),
                actual_date=date(2026, 5, 15),
            ),
            dict(
                name="Contract signed · 合同签署",
                phase="contracting",
                baseline_date=date(2026, 7, 31),
                actual_date=date(2026, 8, 20),
            ),
            dict(
                name="Go-live · 上线", phase="transition", baseline_date=date(2026, 9, 1), actual_date=date(2026, 9, 1)
            ),
        ],
        "stakeholder": [
            dict(name="Eva Executive", title="COO, sponsor · 首席运营官", influence="high", interest="high", raci="A"),
            dict(
                name="Works council · 职工代表大会",
                title="Employee representation",
                influence="high",
                interest="high",
                raci="C",
            ),
            dict(name="IT security", title="CISO office", influence="medium", interest="medium", raci="C"),
        ],
        "resource": [
            dict(
                team="Vendor management office · 供应商管理办公室",
                role="Service manager",
                fte=Decimal("2.00"),
                start_date=date(2026, 1, 1),
            ),
            dict(team="Quality assurance", role="QA analyst", fte=Decimal("1.50"), start_date=date(2026, 6, 1)),
        ],
    },
    "AP-2026": {
        "objective": [
            dict(
                statement="发票处理周期缩短至3个工作日 · Invoice cycle time to 3 working days",
                kpi="Cycle time",
                unit="days",
                baseline=Decimal("9.00"),
                target=Decimal("3.00"),
                target_date=date(2027, 6, 30),
                method="ERP timestamps: receipt to posting",
            ),
        ],
        "scope": [
            dict(
                process="Supplier invoice capture and 3-way match · 供应商发票采集与三单匹配",
                in_scope=True,
                volume=Decimal("42000"),
                volume_unit="invoices/month",
                locations="Shanghai, Chengdu",
                current_fte=Decimal("55"),
            ),
        ],
        "budget": [
            dict(category="vendor_fees", period="2027", planned_amount=Decimal("6800000.00")),
            dict(category="transition", period="2026-Q4", planned_amount=Decimal("900000.00")),
        ],
        "milestone": [
            dict(
                name="RFP published · 发布招标书",
                phase="sourcing",
                baseline_date=date(2026, 10, 15),
                forecast_date=date(2026, 11, 5),
            ),
        ],
    },
}


# When each demo program passed its gates (the phase the gate closes: the day it was passed),
# read from the charters' milestones: CS-2026's strategy was approved after the February risk
# workshop, its vendor selected on 15 May, its contract signed on 20 August and it went live on
# 1 September; AP-2026's strategy was approved in September, before its RFP.
GATE_DATES = {
    "CS-2026": {
        "strategy": datetime(2026, 3, 2, 10, 0),
        "sourcing": datetime(2026, 5, 15, 10, 0),
        "contracting": datetime(2026, 8, 20, 16, 0),
        "transition": datetime(2026, 9, 1, 8, 0),
    },
    "AP-2026": {"strategy": datetime(2026, 9, 14, 10, 0)},
}
# The sponsor approved each charter's first revision (finance its budget the day before) shortly
# before the strategy gate.
CHARTER_APPROVED = {"CS-2026": datetime(2026, 2, 27, 15, 0), "AP-2026": datetime(2026, 9, 11, 15, 0)}


def load_gates(*, users, programs) -> int:
    """Each demo program reaches its phase through its gates, in order, through the real service:
    its manager passes the strategy, contracting and transition gates, the sponsor's award
    approval the sourcing gate (as `award_approve` does); a gate whose checklist the demo data
    does not meet is passed with the manager's recorded override. Then the passing dates are set
    to the days the milestones record, the charter's approval before them. AP-2026's sponsor approved revision 1 of its charter
    before its strategy gate; revision 2 (the contracting milestone added once in sourcing)
    waits for the sponsor. Returns how many gates were passed; nothing when they already were."""
    from strategy.choices import PHASE_ORDER
    from strategy.models import BudgetLine, CharterRevision, PhaseGate, Program
    from strategy.services import gate_checklist, gate_pass
    from strategy.services.charter import charter_item_create, program_revise, program_submit
    from vendors.models import AwardDecision

    passed = 0
    for code, manager in (("CS-2026", users["pm"]), ("AP-2026", users["pm2"])):
        program = programs[code]
        if PhaseGate.objects.filter(program=program).exists():
            continue
        target = Program.objects.get(pk=program.pk).phase
        # The phase the demo seeds is where the walk ends; it starts at the strategy.
        Program.objects.filter(pk=program.pk).update(phase=PHASE_ORDER[0])
        dates = GATE_DATES[code]
        while (program := Program.objects.get(pk=program.pk)).phase != target:
            gate = next(g for g in gate_checklist(program) if g["phase"] == program.phase)
            award = AwardDecision.objects.filter(event__program=program, approved_at__isnull=False).first()
            if program.phase == "sourcing" and gate["met"] and award is not None:
                gate_pass(program=program, by=award.approved_by, automatic=True)
            else:
                reason = ""
                if gate["missing"]:
                    missing = "; ".join(str(m) for m in gate["missing"])
                    reason = f"Met before the checklist was kept here: {missing} · 在系统记录清单之前已完成"
                gate_pass(program=program, by=manager, override_reason=reason)
            passed += 1
        for phase, when in dates.items():
            PhaseGate.objects.filter(program=program, phase=phase).update(passed_at=timezone.make_aware(when))
        approved = timezone.make_aware(CHARTER_APPROVED[code])
        CharterRevision.objects.filter(program=program, number=1).update(approved_at=approved)
        BudgetLine.objects.filter(program=program).update(approved_at=approved - timedelta(days=1))
        if code == "AP-2026" and program.status == "approved":
            program = program_revise(program=program, by=manager)
            charter_item_create(
                program=program,
                kind="milestone",
                by=manager,
                name="Contract signed · 合同签署",
                phase="contracting",
                baseline_date=date(2027, 1, 29),
            )
            program_submit(program=program, by=manager)
    return passed
