"""PDF layout: every table fits the page (checked on WeasyPrint's laid-out boxes, so no PDF
text tool is needed), and short labels of Chinese tables stay on one line."""

from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from bpo.reports.builders import BUILDERS
from bpo.reports.models import ReportRequest
from bpo.reports.pdf import stylesheet_path
from delivery.models import Invoice
from strategy.models import BudgetLine

from .conftest import OCTOBER


def _layout(report):
    """WeasyPrint's laid-out pages of the report (the same template and stylesheet as render_pdf)."""
    from weasyprint import CSS, HTML

    with translation.override(report.language):
        template, context = BUILDERS[report.kind](report, report.requested_by)
        html = render_to_string(template, context)
        return HTML(string=html).render(stylesheets=[CSS(filename=stylesheet_path())]).pages


def _boxes(box):
    yield box
    for child in getattr(box, "children", ()):
        yield from _boxes(child)


def _overflowing(pages) -> list[str]:
    """Texts whose box reaches past the right edge of the page's content area."""
    out = []
    for page in pages:
        root = page._page_box
        right = root.content_box_x() + root.width
        for box in _boxes(root):
            text = getattr(box, "text", None)
            if text and text.strip() and box.position_x + box.margin_width() > right + 0.5:
                out.append(text)
    return out


def _cells(pages, text) -> list:
    """The laid-out lines (one per line of text) of the table cells that hold `text`."""
    found = []
    for page in pages:
        for box in _boxes(page._page_box):
            if type(box).__name__ == "TableCellBox":
                words = [b.text for b in _boxes(box) if getattr(b, "text", None)]
                if "".join(words) == text:
                    found.append(words)
    return found


def _finance(cast, language):
    # A vendor named in both languages, as in the demo: its column takes the room of the others.
    cast.vendor_x.name, cast.vendor_x.local_name = "Apex Contact Solutions Ltd.", "艾派克斯联络解决方案有限公司"
    cast.vendor_x.save(update_fields=["name", "local_name"])
    # Amounts of a real program: 1,300,000.00 planned, six- and seven-digit figures in every column.
    BudgetLine.objects.filter(program=cast.program_a).update(planned_amount=Decimal("1300000.00"))
    Invoice.objects.filter(number="INV-A-77").update(
        gross_amount=Decimal("196000.00"), deduction_amount=Decimal("4000.00"), net_amount=Decimal("192000.00")
    )
    return ReportRequest.objects.create(
        kind="finance",
        fmt="pdf",
        language=language,
        requested_by=cast.finance,
        period_start=OCTOBER,
        period_end=OCTOBER,
    )


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_finance_tables_fit_the_page(cast, money, language):
    pages = _layout(_finance(cast, language))
    assert _overflowing(pages) == []
    # The budget line table's last column is all there: its header (maybe on two lines) and value.
    with translation.override(language):
        from django.utils.translation import gettext

        header = gettext("Forecast at completion")
    text = " ".join(b.text for p in pages for b in _boxes(p._page_box) if getattr(b, "text", None))
    assert header.split()[-1] in text and "1,300,000.00" in text


@pytest.mark.django_db
def test_chinese_status_labels_are_not_wrapped_one_character_per_line(cast, money):
    pages = _layout(_finance(cast, "zh-hans"))
    approved = _cells(pages, "已批准")  # the invoice's status, in a narrow column
    assert approved and all(len(lines) == 1 for lines in approved), approved
    header = _cells(pages, "状态")
    assert header and all(len(lines) == 1 for lines in header), header


@pytest.mark.django_db
def test_amounts_near_the_limit_still_fit_the_page(cast, money):
    """A budget line of 99,999,999,999,999.98 (which the field takes): its six amount columns ran
    off the right of the A4 page, cutting the forecast of every line. An amount that long now
    breaks inside the cell; ordinary amounts stay on one line."""
    report = _finance(cast, "en")
    BudgetLine.objects.filter(program=cast.program_a).update(planned_amount=Decimal("99999999999999.98"))
    pages = _layout(report)
    assert _overflowing(pages) == []
    ordinary = _cells(pages, "192,000.00")
    assert ordinary and all(len(lines) == 1 for lines in ordinary), ordinary
