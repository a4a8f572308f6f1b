"""Program status PDF: the note under the top-risks table ("The 3 open risks with the highest
scores...") stays on the page of the table's last rows. User test 2026-11-28: when the table ended
at the foot of a page, the report closed with a page holding nothing but that note (in Chinese
on the demo's CS-2026).

The test puts the table's end where the note no longer fits under it: a first layout measures the
room left under the table's last row, a test-only stylesheet then widens the gap above the table
by that room less 2 px, and the PDF is read back with pypdf."""

from io import BytesIO

import pytest
from django.template.loader import render_to_string
from django.utils import translation
from pypdf import PdfReader

from bpo.reports import services as reports
from bpo.reports.builders import BUILDERS
from bpo.reports.pdf import stylesheet_path
from risk import services
from risk.models import Risk

pytestmark = pytest.mark.django_db

NOTE = {"en": "The 3 open risks with the highest scores", "zh-hans": "得分最高的 3 项未关闭风险"}
# The gap between the heat map and the table below it, in px: the only thing the test changes.
GAP = "#risks > figure.chart {{ margin-bottom: 0 }} #risks > table {{ margin-top: {}px }}"


def _boxes(box):
    yield box
    for child in getattr(box, "children", ()):
        yield from _boxes(child)


def _text(box) -> str:
    return "".join(b.text for b in _boxes(box) if getattr(b, "text", None))


def _html(cast, language):
    for i, (title, residual, inherent) in enumerate(
        (("Typhoon closes the delivery centre", 12, 20), ("Agent attrition", 6, 12), ("Laptops lost", 5, 10))
    ):
        risk = services.risk_create(
            by=cast.manager, program=cast.program_a, title=title, category="operational", event=f"e{i}"
        )
        Risk.objects.filter(pk=risk.pk).update(residual_score=residual, inherent_score=inherent)
    report = reports.report_request(by=cast.manager, kind="program_status", program=cast.program_a, language=language)
    with translation.override(language):
        template, context = BUILDERS["program_status"](report, cast.manager)
        return render_to_string(template, context), [r.reference for r in context["top_risks"]]


def _document(html, gap):
    from weasyprint import CSS, HTML

    return HTML(string=html).render(stylesheets=[CSS(filename=stylesheet_path()), CSS(string=GAP.format(gap))])


def _room_under_the_last_risk(document, last_reference) -> float:
    """Px between the bottom of the table's last row and the foot of its page's content area."""
    for page in document.pages:
        root = page._page_box
        rows = [b for b in _boxes(root) if type(b).__name__ == "TableRowBox" and _text(b).startswith(last_reference)]
        if rows:
            row = rows[-1]
            return root.content_box_y() + root.height - (row.position_y + row.margin_height())
    raise AssertionError(f"{last_reference} is not in the report")


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_top_risks_note_is_not_left_alone_on_the_last_page(cast, language):
    html, references = _html(cast, language)
    assert len(references) == 3
    room = _room_under_the_last_risk(_document(html, 0), references[-1])
    assert room > 2
    # The table now ends 2 px above the foot of its page: its last row fits there, the note does not.
    pdf = PdfReader(BytesIO(_document(html, room - 2).write_pdf()))
    last = pdf.pages[-1].extract_text()
    assert NOTE[language] in last, last
    # The note's page holds the table's last row too, not the note alone.
    assert references[-1] in last, last
