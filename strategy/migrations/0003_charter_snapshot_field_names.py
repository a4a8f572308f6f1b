"""Charter revisions keep field names and language-neutral values, not labels: a revision approved
in Chinese kept 编号, 发起人 and 供应商费用 where one approved in English kept code, sponsor and
Vendor fees, so comparing them showed every field as changed. This maps the labels of both
languages (as they were when this migration was written) back to field names and choice keys;
a label it does not know is left as it is."""

from django.db import migrations

# Snapshot section (or "program") -> label in English or Chinese -> field name.
LABELS = {
    "program": {
        "code": "code",
        "编号": "code",
        "name": "name",
        "名称": "name",
        "description": "description",
        "描述": "description",
        "business unit": "business_unit",
        "业务部门": "business_unit",
        "sponsor": "sponsor",
        "发起人": "sponsor",
        "owner": "owner",
        "负责人": "owner",
        "strategic alignment": "strategic_alignment",
        "战略一致性": "strategic_alignment",
        "start date": "start_date",
        "开始日期": "start_date",
        "end date": "end_date",
        "结束日期": "end_date",
        "currency": "currency",
        "币种": "currency",
        "in-house baseline cost": "baseline_cost",
        "内部基准成本": "baseline_cost",
        "target savings (%)": "target_savings_pct",
        "目标节约率（%）": "target_savings_pct",
    },
    "objective": {
        "statement": "statement",
        "目标陈述": "statement",
        "KPI": "kpi",
        "unit": "unit",
        "单位": "unit",
        "baseline": "baseline",
        "基准值": "baseline",
        "target": "target",
        "目标值": "target",
        "target date": "target_date",
        "目标日期": "target_date",
        "measurement method": "method",
        "衡量方法": "method",
        "owner": "owner",
        "负责人": "owner",
    },
    "scope": {
        "business process": "process",
        "业务流程": "process",
        "in scope": "in_scope",
        "纳入范围": "in_scope",
        "volume": "volume",
        "业务量": "volume",
        "volume unit": "volume_unit",
        "业务量单位": "volume_unit",
        "locations": "locations",
        "地点": "locations",
        "current FTEs": "current_fte",
        "当前全职人力（FTE）": "current_fte",
    },
    "budget": {
        "category": "category",
        "类别": "category",
        "period": "period",
        "周期": "period",
        "planned amount": "planned_amount",
        "计划金额": "planned_amount",
        "note": "note",
        "备注": "note",
    },
    "milestone": {
        "name": "name",
        "名称": "name",
        "phase": "phase",
        "阶段": "phase",
        "baseline date": "baseline_date",
        "基准日期": "baseline_date",
        "forecast date": "forecast_date",
        "预测日期": "forecast_date",
        "actual date": "actual_date",
        "实际日期": "actual_date",
    },
    "stakeholder": {
        "name": "name",
        "名称": "name",
        "role or title": "title",
        "角色或职务": "title",
        "influence": "influence",
        "影响力": "influence",
        "interest": "interest",
        "关注度": "interest",
        "RACI": "raci",
    },
    "resource": {
        "team": "team",
        "团队": "team",
        "role": "role",
        "角色": "role",
        "FTE": "fte",
        "from": "start_date",
        "起始": "start_date",
        "until": "end_date",
        "截止日期": "end_date",
    },
}

# Section -> field -> a choice's label in English or Chinese -> its key.
CHOICES = {
    "budget": {
        "category": {
            "Vendor fees": "vendor_fees",
            "Transition": "transition",
            "Internal staff": "internal_staff",
            "Technology": "technology",
            "Training": "training",
            "Contingency reserve": "contingency",
            "Other": "other",
            "供应商费用": "vendor_fees",
            "过渡": "transition",
            "内部人员": "internal_staff",
            "技术": "technology",
            "培训": "training",
            "应急储备金": "contingency",
            "其他": "other",
        }
    },
    "milestone": {
        "phase": {
            "Strategy": "strategy",
            "Sourcing": "sourcing",
            "Contracting": "contracting",
            "Transition": "transition",
            "Steady state": "steady_state",
            "Renewal or exit": "renewal_exit",
            "战略": "strategy",
            "寻源": "sourcing",
            "签约": "contracting",
            "过渡": "transition",
            "稳定运营": "steady_state",
            "续约或退出": "renewal_exit",
        }
    },
    "stakeholder": {
        "influence": {"Low": "low", "Medium": "medium", "High": "high", "低": "low", "中": "medium", "高": "high"},
        "interest": {"Low": "low", "Medium": "medium", "High": "high", "低": "low", "中": "medium", "高": "high"},
        "raci": {
            "Responsible": "R",
            "Accountable": "A",
            "Consulted": "C",
            "Informed": "I",
            "负责（R）": "R",
            "批准（A）": "A",
            "咨询（C）": "C",
            "知会（I）": "I",
        },
    },
}


def _neutral(snapshot):
    if not isinstance(snapshot, dict):
        return snapshot
    program_labels = LABELS["program"]
    program = {program_labels.get(k, k): v for k, v in (snapshot.get("program") or {}).items()}
    sections = {}
    for kind, section in (snapshot.get("sections") or {}).items():
        labels, choices = LABELS.get(kind, {}), CHOICES.get(kind, {})
        fields = [labels.get(f, f) for f in section.get("fields", [])]
        rows = [
            [choices[f].get(v, v) if f in choices else v for f, v in zip(fields, row, strict=False)]
            + list(row[len(fields) :])
            for row in section.get("rows", [])
        ]
        sections[kind] = {**section, "fields": fields, "rows": rows}
    return {**snapshot, "program": program, "sections": sections}


def forwards(apps, schema_editor):
    CharterRevision = apps.get_model("strategy", "CharterRevision")
    for revision in CharterRevision.objects.only("pk", "snapshot").iterator():
        snapshot = _neutral(revision.snapshot)
        if snapshot != revision.snapshot:
            CharterRevision.objects.filter(pk=revision.pk).update(snapshot=snapshot)


class Migration(migrations.Migration):
    dependencies = [
        ("strategy", "0002_program_owner_program_revision_and_more"),
    ]

    operations = [
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
