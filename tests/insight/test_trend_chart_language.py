"""The service-level trend chart's notes are worded in the reader's language, "provisional" included
(it was built inside an f-string, which makemessages does not read, so it stayed English in Chinese)."""

from types import SimpleNamespace

from django.utils import translation

from performance.insight.charts import sla_trend_chart


def _svg(language):
    sl = SimpleNamespace(
        code="ASA20", name="Speed of answer", expected="80", minimum="75", unit="%", higher_is_better=True
    )
    points = [
        {"label": "2026-10", "value": 82, "state": "met", "state_label": "Met", "final": True},
        {"label": "2026-11", "value": 79, "state": "minor", "state_label": "Minor", "final": False},
    ]
    with translation.override(language):
        return str(sla_trend_chart(sl, points))


def test_the_provisional_note_is_translated():
    assert "Minor, provisional" in _svg("en")
    chinese = _svg("zh-hans")
    assert "provisional" not in chinese and "Minor，临时" in chinese
