"""Demo data of continuous improvement: bilingual lessons learned across the phases and initiatives
at each step of their workflow (called by load_demo; idempotent: nothing is added twice)."""

from datetime import date
from decimal import Decimal

from . import services
from .models import ImprovementInitiative, Lesson

# (title, body, phase, category, tags, program code or None, source)
LESSONS = [
    (
        "知识转移要尽早开始 · Start knowledge transfer early",
        "Start knowledge transfer at least three months before go-live, with reverse shadowing in the last "
        "month.\n上线前至少三个月开始知识转移，最后一个月安排反向跟岗。",
        "transition",
        "people",
        "知识转移, knowledge transfer, shadowing, 跟岗",
        "CS-2026",
        "Transition retrospective · 转移阶段复盘",
    ),
    (
        "Baseline the service levels before signing · 签约前先确定服务水平基线",
        "Without three months of baseline data the SLA targets could not be verified and were renegotiated.\n"
        "没有三个月的基线数据，服务水平目标无法验证，只能重新谈判。",
        "contracting",
        "quality",
        "SLA, baseline, 基线, 服务水平",
        "CS-2026",
        "Contract review · 合同评审",
    ),
    (
        "Ask for the price breakdown in the RFP · 招标时要求报价明细",
        "Bids with a single total price could not be compared with the rate card later.\n"
        "只有总价的投标无法与后续费率表对比。",
        "sourcing",
        "commercial",
        "RFP, pricing, 报价, rate card",
        "AP-2026",
        "Sourcing debrief",
    ),
    (
        "Quantify the in-house baseline cost · 量化内部基线成本",
        "The business case was challenged because the in-house cost excluded facilities and IT.\n"
        "商业论证受到质疑，因为内部成本未包含场地和IT费用。",
        "strategy",
        "finance",
        "business case, 商业论证, baseline cost",
        None,
        "Steering committee · 指导委员会",
    ),
    (
        "Monthly service reviews need the vendor's root causes · 月度服务评审需要供应商的根本原因分析",
        "Reviews that only listed breaches did not prevent repeats; ask for a root cause per breach.\n"
        "只列出违约的评审无法防止重复发生；每次违约都要求根本原因分析。",
        "steady_state",
        "vendor",
        "service review, root cause, 根本原因, 服务评审",
        "CS-2026",
        "Quality review Q1 · 第一季度质量评审",
    ),
]


def load_improvement(*, users, programs) -> int:
    """Adds the lessons and three initiatives (one measured, one approved, one idea) once."""
    created = 0
    pm, contributor = users["pm"], users["contributor"]
    for title, body, phase, category, tags, code, source in LESSONS:
        if Lesson.objects.filter(title=title).exists():
            continue
        by = users["pm2"] if code == "AP-2026" else (users["admin"] if code is None else pm)
        services.lesson_create(
            by=by,
            title=title,
            body=body,
            phase=phase,
            category=category,
            tags=tags,
            program=programs.get(code) if code else None,
            source=source,
        )
        created += 1
    program = programs["CS-2026"]
    if ImprovementInitiative.objects.filter(program=program).exists():
        return created
    chatbot = services.initiative_create(
        by=contributor,
        program=program,
        title="FAQ chatbot for order status · 订单状态问答机器人",
        description="Answer order-status questions in chat before they reach an agent.\n在转人工之前由机器人回答订单状态问题。",
        owner=contributor,
        expected_benefit=Decimal("1200"),
        benefit_unit="contacts/month · 次/月",
    )
    services.initiative_approve(initiative=chatbot, by=pm)
    services.initiative_implement(initiative=chatbot, by=contributor, implemented_on=date(2026, 3, 2))
    services.initiative_measure(
        initiative=chatbot,
        by=contributor,
        realized_benefit=Decimal("950"),
        note="Contacts deflected in April against the March baseline.\n四月分流量与三月基线对比。",
        measured_on=date(2026, 4, 30),
    )
    templates = services.initiative_create(
        by=pm,
        program=program,
        title="Reply templates in the knowledge base · 知识库回复模板",
        owner=pm,
        expected_benefit=Decimal("1.5"),
        benefit_unit="accuracy points · 准确率百分点",
    )
    services.initiative_approve(initiative=templates, by=pm)
    services.initiative_create(
        by=contributor,
        program=program,
        title="Callback instead of queueing · 回拨代替排队",
        description="Offer a callback when the wait exceeds two minutes.\n等待超过两分钟时提供回拨。",
    )
    return created + 3
