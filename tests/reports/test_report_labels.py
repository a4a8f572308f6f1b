"""Report tables show choices by their translated labels, never their stored codes: the vendor
performance PDF's scorecard bands in English and Chinese."""

from decimal import Decimal as D

import pytest

from performance.models import Scorecard
from tests.contracts.factories import contract_of_a

from .test_report_currencies import pdftotext
from .test_vendor_report import _month, _period, _report


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("language", "labels"),
    [
        ("en", ["Needs improvement", "Excellent", "Good"]),
        ("zh-hans", ["需改进", "优秀", "良好"]),
    ],
)
def test_the_scorecard_band_column_shows_its_label(cast, language, labels):
    contract = contract_of_a(cast)
    for month, total in ((8, "61.50"), (9, "72.25"), (10, "88.75")):
        _period(contract, _month(2026, month), value="80.0000", scorecard=total)
    Scorecard.objects.filter(total=D("61.50")).update(band="needs_improvement")
    Scorecard.objects.filter(total=D("88.75")).update(band="excellent")
    text = pdftotext(_report(cast.manager, language=language, vendor=cast.vendor_x))
    rows = [line for line in text.splitlines() if "CA-1" in line and "2026-" in line]
    for total, label in zip(("61.50", "88.75", "72.25"), labels, strict=True):
        assert any(total in row and label in row for row in rows), (total, label, rows)
    for code in ("needs_improvement", "excellent", "good"):
        assert code not in text, code
