"""A charter revision keeps field names and language-neutral values: whoever approved it and
whoever reads it, in English or Chinese, an unchanged charter compares as "No change"."""

import importlib
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from strategy.models import CharterRevision, Program
from strategy.services import charter_item_create, program_revise
from strategy.services.charter import CHARTER_KINDS, SNAPSHOT_PROGRAM_FIELDS, charter_compare, charter_snapshot

from .test_charter_services import approved_charter

migration = importlib.import_module("strategy.migrations.0003_charter_snapshot_field_names")


def _full_charter(cast):
    """The approved charter with a sponsor, a milestone and a stakeholder (choices of every kind)."""
    Program.objects.filter(pk=cast.program_a.pk).update(sponsor=cast.executive, start_date=date(2027, 1, 1))
    for kind, data in (
        ("milestone", {"name": "Go-live", "phase": "transition", "baseline_date": date(2027, 3, 1)}),
        ("stakeholder", {"name": "CFO", "influence": "high", "interest": "low", "raci": "A"}),
        ("scope", {"process": "Payroll", "in_scope": True, "volume": Decimal("1200")}),
    ):
        charter_item_create(program=cast.program_a, kind=kind, by=cast.manager, **data)
    return approved_charter(cast)


def _old_style_snapshot(program):
    """A snapshot as it was kept before: labels and choice labels in the active language."""

    def cell(obj, field):
        display = getattr(obj, f"get_{field}_display", None)
        value = display() if display else getattr(obj, field)
        if value is None or value == "":
            return ""
        return value.isoformat() if hasattr(value, "isoformat") else str(value)

    return {
        "program": {str(Program._meta.get_field(f).verbose_name): cell(program, f) for f in SNAPSHOT_PROGRAM_FIELDS},
        "sections": {
            kind: {
                "fields": [str(model._meta.get_field(f).verbose_name) for f in fields],
                "rows": [[cell(r, f) for f in fields] for r in model.objects.filter(program=program).order_by("pk")],
            }
            for kind, (model, fields) in CHARTER_KINDS.items()
        },
    }


def _without_ids(snapshot):
    """The snapshot as kept before rows' ids were kept (the comparison then matches rows by value)."""
    for section in snapshot["sections"].values():
        del section["ids"]
    return snapshot


def _no_change(diff):
    return not diff["fields"] and all(not s["added"] and not s["removed"] for s in diff["sections"])


def test_a_revision_approved_in_chinese_keeps_field_names_and_choice_keys(cast):
    with translation.override("zh-hans"):
        _full_charter(cast)
    snapshot = CharterRevision.objects.get(program=cast.program_a, number=1).snapshot
    assert snapshot["program"]["code"] == "PA" and snapshot["program"]["sponsor"] == str(cast.executive)
    assert "编号" not in snapshot["program"]
    assert snapshot["sections"]["budget"]["fields"] == ["category", "period", "planned_amount", "note"]
    assert snapshot["sections"]["budget"]["rows"][0][0] == "vendor_fees"
    assert snapshot["sections"]["milestone"]["rows"][0][1] == "transition"


@pytest.mark.parametrize("approver_language", ["en", "zh-hans"])
@pytest.mark.parametrize("reader_language, no_change", [("en", "No change."), ("zh-hans", "无变更。")])
def test_comparing_an_unchanged_charter_shows_no_change_in_both_languages(
    cast, client, approver_language, reader_language, no_change
):
    with translation.override(approver_language):
        _full_charter(cast)
    program_revise(program=cast.program_a, by=cast.manager)
    cast.manager.language = reader_language
    cast.manager.save(update_fields=["language"])
    client.force_login(cast.manager)
    html = client.get(reverse("strategy:charter_compare", args=[cast.program_a.pk]), {"a": 1}).content.decode()
    # The program card and the six sections all read "No change", and nothing is listed as removed.
    assert html.count(no_change) == 1 + len(CHARTER_KINDS)
    assert 'class="removed"' not in html and 'class="added"' not in html


def test_changed_rows_show_labels_and_choices_in_the_readers_language(cast, client):
    with translation.override("en"):
        _full_charter(cast)
    program_revise(program=cast.program_a, by=cast.manager)
    charter_item_create(
        program=cast.program_a, kind="budget", by=cast.manager, category="training", period="2028", planned_amount=5
    )
    Program.objects.filter(pk=cast.program_a.pk).update(sponsor=None)
    cast.manager.language = "zh-hans"
    cast.manager.save(update_fields=["language"])
    client.force_login(cast.manager)
    html = client.get(reverse("strategy:charter_compare", args=[cast.program_a.pk])).content.decode()
    assert "<td>发起人</td>" in html and f"<td>{cast.executive}</td>" in html
    assert "Sponsor" not in html and "Code" not in html
    assert '<tr class="added"><td>新增</td><td>培训</td><td>2028</td>' in html
    assert "加入时间" not in html and 'class="removed"' not in html


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_migration_turns_old_labelled_snapshots_into_field_names(cast, language):
    program = _full_charter(cast)
    with translation.override(language):
        old = _old_style_snapshot(program)
    assert old != charter_snapshot(program)
    neutral = migration._neutral(old)
    assert neutral == _without_ids(charter_snapshot(program))
    assert migration._neutral(neutral) == neutral  # running it again changes nothing
    assert _no_change(charter_compare(neutral, charter_snapshot(program)))


def test_the_migration_rewrites_the_stored_revisions(cast):
    from django.apps import apps

    program = _full_charter(cast)
    with translation.override("zh-hans"):
        CharterRevision.objects.filter(program=program).update(snapshot=_old_style_snapshot(program))
    migration.forwards(apps, None)
    assert CharterRevision.objects.get(program=program).snapshot == _without_ids(charter_snapshot(program))
