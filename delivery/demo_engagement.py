"""Demo data of meetings, action items, the communication plan, training and support
(called by load_demo; idempotent: nothing is added once CS-2026 has a meeting).

Dates are relative to the day of loading, so there is always something overdue to show."""

import datetime
from decimal import Decimal

from django.utils import timezone

from . import meetings, support, training
from .models import Meeting, SupportRequest

DAY = datetime.timedelta(days=1)


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def load_engagement(*, users, programs) -> int:
    """Four meetings with action items (one overdue for the vendor, one done), a communication
    plan (one overdue), three courses with held and scheduled sessions, and support requests."""
    program = programs.get("CS-2026")
    if program is None or Meeting.objects.filter(program=program).exists():
        return 0
    pm, contributor, viewer = users["pm"], users["contributor"], users["viewer"]
    agent, vendor_admin = users["apex.agent"], users["apex.admin"]
    today = timezone.localdate()
    created = 0

    steering = meetings.meeting_create(
        by=pm,
        program=program,
        kind="steering",
        title="Steering committee · 指导委员会",
        starts_at=_at(today - 20 * DAY, 14),
        location="Manila HQ / Teams",
        agenda="1. Go-live readiness\n2. Budget status\n3. Risks · 风险",
        minutes="Readiness reviewed item by item; budget on track.",
        decisions="Go-live confirmed for the planned date.\n确认按计划上线。",
        attendees=[pm, contributor, users["exec"], vendor_admin],
    )
    weekly = meetings.meeting_create(
        by=pm,
        program=program,
        kind="weekly_ops",
        title="Weekly operations · 每周运营例会",
        starts_at=_at(today - 8 * DAY, 10),
        location="Teams",
        agenda="Backlog, staffing, escalations",
        minutes="Backlog down 12%; two escalations open.",
        attendees=[pm, contributor, vendor_admin, agent],
    )
    review = meetings.meeting_create(
        by=pm,
        program=program,
        kind="service_review",
        title="Monthly service review · 月度服务评审",
        starts_at=_at(today - 3 * DAY, 15),
        agenda="Service levels of the month, credits, improvement actions",
        attendees=[pm, contributor, vendor_admin],
    )
    meetings.meeting_create(
        by=pm,
        program=program,
        kind="qbr",
        title="Quarterly business review · 季度业务回顾",
        starts_at=_at(today + 25 * DAY, 9),
        agenda="Value delivered, roadmap, innovation proposals",
        attendees=[pm, users["exec"], vendor_admin],
    )
    created += 4

    meetings.action_item_create(
        meeting=weekly,
        by=pm,
        title="Send the revised staffing plan",
        description="Cover the evening peak with two more agents.",
        owner=agent,
        due_date=today - 2 * DAY,
    )
    meetings.action_item_create(
        meeting=review,
        by=pm,
        title="Root-cause analysis of the ASA breach",
        owner=vendor_admin,
        due_date=today + 5 * DAY,
    )
    meetings.action_item_create(
        meeting=review,
        by=pm,
        title="更新知识库文章 · Update knowledge articles",
        owner=contributor,
        due_date=today + 7 * DAY,
    )
    done = meetings.action_item_create(
        meeting=steering, by=pm, title="Confirm the go-live communication", owner=pm, due_date=today - 10 * DAY
    )
    meetings.action_item_complete(item=done, by=pm, note="Sent to all business owners.")
    meetings.action_item_remind_overdue(today=today)  # the overdue item's owner sees today's reminder
    created += 4

    for audience, content, frequency, channel, owner, last in [
        ("Business owners · 业务负责人", "Service performance summary", "monthly", "email", pm, today - 40 * DAY),
        ("Executive sponsor", "Program status report", "monthly", "report", pm, today - 10 * DAY),
        (
            "Customer service team · 客服团队",
            "Operational updates and changes",
            "weekly",
            "newsletter",
            contributor,
            today - 3 * DAY,
        ),
        ("Steering committee", "QBR pack", "quarterly", "meeting", pm, today - 60 * DAY),
        ("All staff", "Major incident notices", "ad_hoc", "email", contributor, None),
    ]:
        meetings.communication_create(
            by=pm,
            program=program,
            audience=audience,
            content=content,
            frequency=frequency,
            channel=channel,
            owner=owner,
            last_sent_on=last,
        )
        created += 1

    courses = [
        training.course_create(
            by=pm,
            program=program,
            title="Order-to-cash process · 订单到收款流程",
            category="business_process",
            pass_score=Decimal("70"),
        ),
        training.course_create(
            by=pm, program=program, title="Transition project management", category="project_management"
        ),
        training.course_create(
            by=pm,
            program=program,
            title="CRM administration · CRM 系统管理",
            category="technical_operations",
            pass_score=Decimal("80"),
        ),
    ]
    created += 3
    held = training.session_create(
        course=courses[0],
        by=pm,
        starts_at=_at(today - 14 * DAY, 9),
        trainer="Chen Wei 陈伟",
        location="Training room 2",
        attendees=[contributor, viewer, agent, vendor_admin],
    )
    rows = {a.user_id: a.pk for a in held.attendances.all()}
    training.attendance_record(
        session=held,
        by=pm,
        rows={
            rows[contributor.pk]: (True, Decimal("88")),
            rows[viewer.pk]: (False, None),
            rows[agent.pk]: (True, Decimal("76")),
            rows[vendor_admin.pk]: (True, Decimal("64")),
        },
    )
    held_pm = training.session_create(
        course=courses[1],
        by=pm,
        starts_at=_at(today - 6 * DAY, 13),
        trainer="Paula Manager",
        attendees=[contributor, vendor_admin],
    )
    rows = {a.user_id: a.pk for a in held_pm.attendances.all()}
    training.attendance_record(
        session=held_pm, by=pm, rows={rows[contributor.pk]: (True, None), rows[vendor_admin.pk]: (True, None)}
    )
    training.session_create(
        course=courses[2], by=pm, starts_at=_at(today + 9 * DAY, 9), trainer="Apex IT", attendees=[agent, contributor]
    )
    created += 3

    resolved = support.support_request_create(
        by=agent,
        program=program,
        title="CRM access for two new agents",
        description="Agents M. Reyes and J. Tan need CRM and telephony accounts.",
        category="system_access",
        priority="high",
    )
    SupportRequest.objects.filter(pk=resolved.pk).update(opened_at=timezone.now() - datetime.timedelta(hours=30))
    support.support_request_transition(request=resolved, by=contributor, to="in_progress")
    support.support_request_transition(request=resolved, by=contributor, to="resolved", resolution="Accounts created.")
    support.support_request_create(
        by=vendor_admin,
        program=program,
        title="Knowledge base export fails",
        description="The nightly export stops at 80%.",
        category="software_maintenance",
        priority="medium",
    )
    support.support_request_create(
        by=contributor,
        program=program,
        title="数据修正：重复客户记录 · Duplicate customer records",
        description="About 300 duplicates after the migration.",
        category="data_management",
        priority="low",
    )
    created += 3
    return created
