"""Program status "Top risks": the five open risks with the highest score, residual then inherent
(DOMAIN.md: both are likelihood x impact); a risk not assessed yet has no score and is not ranked,
only counted under the table; a closed risk is not listed whatever its score."""

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from bpo.reports import services as reports
from bpo.reports.builders import BUILDERS
from risk import services
from risk.models import Risk

# title: (residual score, inherent score, status)
RISKS = {
    "Unassessed": (None, None, "open"),
    "Low now": (4, 9, "open"),
    "Critical": (20, 25, "open"),
    "High same": (12, 12, "open"),
    "High was critical": (12, 20, "open"),
    "Medium": (9, 16, "open"),
    "Inherent only": (None, 25, "open"),
    "Medium low": (6, 6, "open"),
    "Closed critical": (25, 25, "closed"),
}


@pytest.fixture
def risks(cast):
    for title, (residual, inherent, status) in RISKS.items():
        risk = services.risk_create(
            by=cast.manager, program=cast.program_a, title=title, category="operational", event="e"
        )
        Risk.objects.filter(pk=risk.pk).update(residual_score=residual, inherent_score=inherent, status=status)


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_top_risks_are_the_five_highest_open_ones_by_residual_then_inherent_score(cast, risks, language):
    report = reports.report_request(by=cast.manager, kind="program_status", program=cast.program_a, language="en")
    with translation.override(language):
        template, context = BUILDERS["program_status"](report, cast.manager)
        html = render_to_string(template, context)
    assert [r.title for r in context["top_risks"]] == [
        "Critical",
        "High was critical",
        "High same",
        "Medium",
        "Medium low",
    ]
    assert context["unassessed_risks"] == 1
    section = html[html.index('id="risks"') :]
    for title in ("Unassessed", "Low now", "Inherent only", "Closed critical"):
        assert f"<td>{title}</td>" not in section
    note = "1 open risk not assessed yet is not ranked." if language == "en" else "1 项尚未评估的未关闭风险不参与排名。"
    assert note in section
