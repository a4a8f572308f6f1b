"""Recording a drill run with participants leaves a many-to-many change in the drill's history
({"type": "m2m", "operation": "add", "objects": [...]}, not [old, new]): the drill page still
opens (it answered 500, "too many values to unpack") and its history reads "Participants: added
Li Na, Wang Wei", in English and in Simplified Chinese (user test 2026-11-28)."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from risk import services

from .test_drills_and_actions import drill  # noqa: F401 (fixture)


def _history_rows(client, user, language, record):
    user.language = language
    user.save(update_fields=["language"])
    client.force_login(user)
    response = client.get(reverse("risk:drill_detail", args=[record.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    history = html[html.index('id="h-history"') :]
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row)).strip() for row in re.findall(r"<tr>(.*?)</tr>", history)]


def _run_with(cast, record, participants):
    a, b = record.objectives.order_by("pk")
    services.drill_record_run(
        drill=record,
        by=cast.manager,
        run_on=timezone.localdate(),
        results={a.pk: ("met", ""), b.pk: ("not_met", "")},
        participants=participants,
        findings=["Bridge opened late"],
    )


@pytest.mark.parametrize(
    ("language", "added", "removed"),
    [
        ("en", "Participants added {names}", "Participants removed {names}"),
        ("zh-hans", "参与人 添加了 {names}", "参与人 移除了 {names}"),
    ],
)
def test_drill_page_shows_participants_added_and_removed(cast, client, drill, language, added, removed):  # noqa: F811
    _run_with(cast, drill, [cast.contributor, cast.viewer])
    rows = _history_rows(client, cast.manager, language, drill)
    assert any(_same_names(row, added, cast) for row in rows), rows
    drill.participants.remove(cast.viewer)
    rows = _history_rows(client, cast.manager, language, drill)
    assert removed.format(names=str(cast.viewer)) in rows, rows


def _same_names(row, template, cast):
    """The added names in either order (auditlog lists them as the query returns them)."""
    return any(
        row == template.format(names=f"{first}, {second}")
        for first, second in ((cast.contributor, cast.viewer), (cast.viewer, cast.contributor))
    )
