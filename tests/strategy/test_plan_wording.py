"""预案 is a contingency plan: the program's delivery plan reads 计划 in Chinese."""

from pathlib import Path

import polib
from django.conf import settings
from django.urls import reverse

PO = Path(settings.BASE_DIR) / "locale/zh_Hans/LC_MESSAGES/django.po"


def _in_chinese(user):
    user.language = "zh-hans"
    user.save(update_fields=["language"])


def test_the_program_pages_plan_button_reads_jihua_not_yuan(cast, client):
    _in_chinese(cast.manager)
    client.force_login(cast.manager)
    plan_url = reverse("delivery:plan", args=[cast.program_a.pk])
    html = client.get(reverse("strategy:program_detail", args=[cast.program_a.pk])).content.decode()
    assert f'href="{plan_url}">计划</a>' in html
    assert ">预案<" not in html  # the menu's 应急预案 (contingency plans) stays
    plan = client.get(plan_url).content.decode()
    assert f'<a href="{plan_url}">计划</a>' in plan


def test_only_contingency_plans_are_translated_yuan():
    """Every message translated with 预案 is used only by the risk app (contingency plans)."""
    for entry in polib.pofile(str(PO)):
        if "预案" in entry.msgstr and not entry.obsolete:
            places = {path for path, _line in entry.occurrences}
            assert places and all(p.startswith(("risk/", "templates/risk/")) for p in places), (entry.msgid, places)
