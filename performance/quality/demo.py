"""The quality part of the demo (called by load_demo after the contracts and risks): two standards
on the customer-service program, three months of audits (October's e-mail audit fails and its
corrective action is with the vendor), a quality review with a verified action, and a complaint.
The engine has already proposed an action for October's service-level breach; it stays proposed
for the manager to assign. Everything goes through the services; a second run adds nothing."""

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from bpo.core.zones import today_in

CONTRACT_NUMBER = "CS-MSA-2026-001"


def load_quality(*, users, programs, vendors) -> int:
    from contracts.models import Contract
    from risk import services as risk_services
    from risk.models import CorrectiveAction

    from . import services
    from .models import QualityStandard

    program = programs["CS-2026"]
    contract = Contract.objects.filter(number=CONTRACT_NUMBER).first()
    if contract is None or QualityStandard.objects.filter(program=program).exists():
        return 0
    pm, contributor = users["pm"], users["contributor"]
    email = services.standard_create(
        by=pm,
        program=program,
        process="Customer e-mail handling · 客户邮件处理",
        metric="Response accuracy · 回复准确率",
        target=Decimal("98"),
        direction="higher",
        unit="%",
        acceptance_level=Decimal("2"),
        description="Monthly sample of closed e-mail cases checked against the knowledge base.\n"
        "每月抽查已关闭的邮件工单，对照知识库核对答复。",
    )
    refunds = services.standard_create(
        by=pm,
        program=program,
        process="Refund processing · 退款处理",
        metric="Refund accuracy · 退款准确率",
        target=Decimal("99.5"),
        direction="higher",
        unit="%",
        acceptance_level=Decimal("0.5"),
    )
    created = 2
    audits = [
        # (standard, month, sample, defects, findings)
        (email, 9, 150, 2, ""),
        (refunds, 9, 200, 1, "Exactly at the acceptance level · 恰好达到验收水平"),
        (
            email,
            10,
            150,
            5,
            "Wrong refund policy quoted in 3 replies; 2 replies in the wrong language.\n"
            "3封回复引用了错误的退款政策；2封回复语言错误。",
        ),
        (refunds, 10, 200, 0, ""),
        (email, 11, 150, 2, ""),
    ]
    failed = None
    today = timezone.localdate()
    for standard, month, sample, defects, findings in audits:
        # The current month is sampled up to today and audited today: an audit is never dated in
        # the future, nor before the last day it sampled.
        end = min(date(2026, month + 1, 1) - timedelta(days=1), today)
        audit = services.audit_record(
            by=contributor,
            standard=standard,
            contract=contract,
            period_start=date(2026, month, 1),
            period_end=end,
            audited_on=min(end + timedelta(days=3), today),
            sample_size=sample,
            defects=defects,
            findings=findings,
        )
        created += 1
        if audit.outcome == "fail":
            failed = audit
    if failed is not None:
        action = CorrectiveAction.objects.get(audit=failed, source="audit")
        risk_services.action_update(
            action=action,
            by=pm,
            owner=users["apex.admin"],
            due_date=today + timedelta(days=21),
            root_cause="The refund policy changed on 1 October; the knowledge base was updated late.\n"
            "退款政策10月1日变更，知识库更新滞后。",
            action_plan="Update the knowledge base, brief all e-mail agents, check 50 extra cases in November.\n"
            "更新知识库，向所有邮件坐席宣导，11月额外抽查50个工单。",
        )
        risk_services.action_transition(action=action, to="open", by=pm)
        risk_services.action_vendor_progress(
            action=action,
            by=users["apex.admin"],
            note="Knowledge base updated on 5 Nov; 38 of 42 agents briefed.\n11月5日已更新知识库；42名坐席中已宣导38名。",
        )
    review = services.review_create(
        by=pm,
        program=program,
        contract=contract,
        title="October quality review · 十月质量评审",
        period_start=date(2026, 10, 1),
        period_end=date(2026, 10, 31),
        held_on=date(2026, 11, 6),
        reviewer=pm,
        rating="concerns",
        summary="E-mail accuracy below standard; refunds on target.\n邮件准确率低于标准；退款达标。",
        findings="Calibration sessions between QA teams are irregular · 质检团队校准会不定期\n"
        "Audit samples are not stratified by channel · 抽样未按渠道分层",
    )
    calibration = risk_services.action_create(
        by=pm,
        program=program,
        source="quality_review",
        quality_review=review,
        title="Weekly QA calibration · 每周质检校准",
        problem=review.finding_lines[0],
        action_plan="Hold a weekly calibration with both QA teams · 两个质检团队每周校准一次",
        owner=contributor,
        due_date=today_in(program.time_zone),
    )
    # Due three days ago, as it was when raised: a new action takes due dates from today only.
    CorrectiveAction.objects.filter(pk=calibration.pk).update(due_date=today - timedelta(days=3))
    calibration.refresh_from_db()
    risk_services.action_transition(action=calibration, to="done", by=contributor)
    risk_services.action_transition(
        action=calibration,
        to="verified",
        by=pm,
        verification_notes="Three calibrations held; scores within 2 points · 已进行三次校准，评分差异在2分以内",
    )
    risk_services.action_create(
        by=pm,
        program=program,
        source="complaint",
        contract=contract,
        title="Complaint: refund took 40 days · 投诉：退款耗时40天",
        problem="A customer escalated to the CEO office after waiting 40 days for a refund.\n"
        "客户等待退款40天后投诉至总裁办公室。",
        owner=users["apex.agent"],
        due_date=today + timedelta(days=14),
    )
    return created + 3
