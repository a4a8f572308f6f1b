"""Counts of rows and samples are grouped as amounts are (100,000; in Chinese too), on the
import status, the measurement pages and the service-level dashboard; they read 100000."""

from types import SimpleNamespace

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from bpo.core.formats import format_count


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_format_count_groups_thousands(language):
    with translation.override(language):
        assert (format_count(100000), format_count(5000), format_count(7), format_count(None)) == (
            "100,000",
            "5,000",
            "7",
            "",
        )


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "100,000 rows received, 100,000 new samples."), ("zh-hans", "100,000")],
)
def test_the_import_status_groups_its_counts(language, expected):
    imp = SimpleNamespace(
        status="done",
        is_finished=True,
        batch=SimpleNamespace(row_count=100000, new_count=100000),
        finished_at=None,
        contract=SimpleNamespace(program=SimpleNamespace(time_zone="UTC")),
    )
    with translation.override(language):
        html = render_to_string("delivery/_measurement_import_status.html", {"imp": imp})
    assert expected in html and "100000" not in html
    running = SimpleNamespace(status="running", is_finished=False, row_count=25000, progress=10)
    with translation.override(language):
        assert "25,000" in render_to_string("delivery/_measurement_import_status.html", {"imp": running})


def test_the_service_level_dashboard_groups_its_sample_counts():
    result = SimpleNamespace(get_state_display="Met", value=None, sample_count=100126, excluded_count=1500)
    row = SimpleNamespace(sl=SimpleNamespace(code="ASA", kind="sla", name="Speed"), current=result, chart=None)
    html = render_to_string("performance/_dashboard.html", {"levels": [row], "contract": SimpleNamespace(currency="")})
    assert "100,126 samples" in html and "1,500 excluded" in html and "100126" not in html
