"""Demo data of sourcing (called by load_demo; idempotent: each event is created once, by title).

CS-2026's RFP is closed and awarded: Apex and Huaxin proposed, the demo evaluator and the
program manager scored blind and submitted, Apex won (its MSA is CS-MSA-2026-001). AP-2026's RFP
is open: both vendors are invited, Huaxin has submitted (sealed until the deadline) and the
demo evaluator is assigned to score once it passes. AP-2026's scanning tender closed three days
before the demo was loaded: both vendors proposed and the demo evaluator has their proposals to
score (an evaluator reads nothing else of the program: its events they are assigned to only)."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from .choices import EventStatus, ProposalStatus
from .models import (
    AwardDecision,
    Criterion,
    EvaluatorAssignment,
    Invitation,
    Proposal,
    Requirement,
    RequirementCheck,
    Score,
    SourcingEvent,
)

APEX = "Apex Contact Solutions Ltd."
HUAXIN = "Huaxin Business Services Co., Ltd."
CLOSED_TITLE = "Customer service operations RFP · 客户服务运营招标"
OPEN_TITLE = "Invoice processing RFP · 发票处理招标"
SCORING_TITLE = "Invoice scanning and capture tender · 发票扫描与采集招标"
# (criterion, weight, is price)
CRITERIA = [
    ("Service quality and language coverage · 服务质量与语言覆盖", 40, False),
    ("Transition plan · 过渡计划", 20, False),
    ("Price · 价格", 40, True),
]
# evaluator -> vendor -> scores of the two scored criteria (0-10)
SCORES = {
    "evaluator": {APEX: (8, 7), HUAXIN: (7, 6)},
    "pm": {APEX: (9, 8), HUAXIN: (6, 7)},
}


def _at(*args):
    return datetime(*args, tzinfo=UTC)


def _event(program, title, **fields):
    event, created = SourcingEvent.objects.get_or_create(program=program, title=title, defaults=fields)
    return event, created


def _parts(event, requirement):
    Requirement.objects.create(event=event, text=requirement)
    return [Criterion.objects.create(event=event, name=n, weight=w, is_price=p) for n, w, p in CRITERIA]


@transaction.atomic
def load_sourcing(*, users, programs, vendors) -> int:
    """Creates the closed (awarded) CS-2026 event and the open AP-2026 event; returns how many."""
    created = 0
    apex, huaxin = vendors[APEX], vendors[HUAXIN]
    cs, ap = programs["CS-2026"], programs["AP-2026"]
    event, new = _event(
        cs,
        CLOSED_TITLE,
        kind="rfp",
        scope="Omnichannel customer service (voice, chat, e-mail) in English and Mandarin, 24x7.\n"
        "全渠道客户服务（语音、在线聊天、电子邮件），中英文，全天候。",
        status=EventStatus.AWARDED,
        published_at=_at(2025, 9, 1, 1),
        questions_deadline=_at(2025, 9, 19, 9),
        submission_deadline=_at(2025, 10, 1, 9),
        created_by=users["pm"],
    )
    if new:
        created += 1
        requirement = Requirement.objects.create(
            event=event, text="24x7 support in English and Mandarin · 中英文全天候支持"
        )
        criteria = [Criterion.objects.create(event=event, name=n, weight=w, is_price=p) for n, w, p in CRITERIA]
        proposals = {}
        for vendor, price, author in (
            (apex, "3600000.00", users["apex.admin"]),
            (huaxin, "3350000.00", users["huaxin.admin"]),
        ):
            Invitation.objects.create(event=event, vendor=vendor)
            proposals[vendor.name] = Proposal.objects.create(
                event=event,
                vendor=vendor,
                status=ProposalStatus.SUBMITTED,
                price=Decimal(price),
                answers="We comply with every requirement; see the attached approach. 我们满足全部要求。",
                revision=1,
                submitted_at=_at(2025, 9, 29, 6),
                submitted_by=author,
                shortlisted=True,
            )
            RequirementCheck.objects.create(
                proposal=proposals[vendor.name], requirement=requirement, passed=True, checked_by=users["pm"]
            )
        for username, by_vendor in SCORES.items():
            assignment = EvaluatorAssignment.objects.create(
                event=event, user=users[username], submitted_at=_at(2025, 10, 8, 8)
            )
            for vendor_name, values in by_vendor.items():
                for criterion, value in zip(criteria[:2], values, strict=True):
                    Score.objects.create(
                        assignment=assignment, proposal=proposals[vendor_name], criterion=criterion, score=value
                    )
        from contracts.models import Contract

        contract = Contract.objects.filter(program=cs, vendor=apex).order_by("pk").first()
        award = AwardDecision.objects.create(
            event=event,
            proposal=proposals[APEX],
            rationale="Highest total: stronger service quality and Mandarin coverage outweigh Huaxin's lower price.\n"
            "总分最高：服务质量和中文覆盖优势超过华信的价格优势。",
            decided_by=users["pm"],
            approved_by=users["exec"],
            approved_at=_at(2025, 10, 15, 2),
            contract_id=contract.pk if contract else None,
        )
        AwardDecision.objects.filter(pk=award.pk).update(decided_at=_at(2025, 10, 10, 7))
    now = timezone.now()
    event, new = _event(
        ap,
        OPEN_TITLE,
        kind="rfp",
        scope="Supplier invoice capture, three-way matching and exception handling.\n"
        "供应商发票采集、三单匹配和异常处理。",
        status=EventStatus.PUBLISHED,
        published_at=now - timedelta(days=7),
        questions_deadline=now + timedelta(days=7),
        submission_deadline=now + timedelta(days=21),
        created_by=users["pm2"],
    )
    if new:
        created += 1
        _parts(event, "Data processed in mainland China · 数据在中国境内处理")
        for vendor in (apex, huaxin):
            Invitation.objects.create(event=event, vendor=vendor)
        Proposal.objects.create(
            event=event,
            vendor=huaxin,
            status=ProposalStatus.SUBMITTED,
            price=Decimal("8750000.00"),
            answers="我们已为三家大型企业提供应付账款外包服务。We run AP outsourcing for three large companies.",
            revision=1,
            submitted_at=now - timedelta(days=2),
            submitted_by=users["huaxin.admin"],
        )
        EvaluatorAssignment.objects.create(event=event, user=users["evaluator"])
    created += _load_scoring(users=users, program=ap, vendors=(apex, huaxin), now=now)
    return created


def _load_scoring(*, users, program, vendors, now) -> int:
    """AP-2026's tender whose deadline has passed: both proposals wait for the demo evaluator's
    scores (their journey: the home page's score sheet, the event, the proposals, the sheet)."""
    event, new = _event(
        program,
        SCORING_TITLE,
        kind="tender",
        scope="Scanning and data capture of paper supplier invoices, 2 business days turnaround.\n"
        "纸质供应商发票的扫描和数据采集，2 个工作日内完成。",
        status=EventStatus.PUBLISHED,
        published_at=now - timedelta(days=24),
        questions_deadline=now - timedelta(days=10),
        submission_deadline=now - timedelta(days=3),
        created_by=users["pm2"],
    )
    if not new:
        return 0
    _parts(event, "Invoices kept in mainland China · 发票在中国境内保存")
    for vendor, price, author, days in (
        (vendors[0], "1180000.00", users["apex.admin"], 5),
        (vendors[1], "1090000.00", users["huaxin.admin"], 4),
    ):
        Invitation.objects.create(event=event, vendor=vendor)
        Proposal.objects.create(
            event=event,
            vendor=vendor,
            status=ProposalStatus.SUBMITTED,
            price=Decimal(price),
            answers="Scanning centre in Suzhou, 99.5% field accuracy. 苏州扫描中心，字段准确率 99.5%。",
            revision=1,
            submitted_at=now - timedelta(days=days),
            submitted_by=author,
        )
    EvaluatorAssignment.objects.create(event=event, user=users["evaluator"])
    return 1
