"""A pilot run's KPI lines (due diligence) read target and actual as the other free-text intakes
read numbers: plain digits, thousands grouped in their places; exponent notation, other scripts'
digits, underscores and a decimal comma are refused with the line and the reason."""

import pytest

from vendors.forms import DiligenceForm
from vendors.models import Question


def kpis(text):
    form = DiligenceForm(
        {"kind": "pilot", "findings": "ok", "score": "7", "kpis": text}, proposals=Question.objects.none()
    )
    form.is_valid()
    return form


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["1e5", "１００", "9_9", "85,5", "NaN"])
def test_a_number_nobody_types_is_refused_with_its_line(typed):
    form = kpis(f"AHT; 300; 280; lower\nFCR; {typed}; 80; higher")
    errors = " ".join(form.errors.get("kpis", []))
    assert "Line 2:" in errors and typed in errors


@pytest.mark.django_db
def test_a_decimal_comma_is_told_how_to_write_it():
    errors = " ".join(kpis("FCR; 85,5; 80").errors["kpis"])
    assert "85.5" in errors


@pytest.mark.django_db
def test_plain_and_grouped_numbers_are_read():
    form = kpis("Calls; 1,250; 1300.5; higher")
    assert "kpis" not in form.errors
    [line] = form.cleaned_data["kpis"]
    assert (str(line["target"]), str(line["actual"]), line["higher_is_better"]) == ("1250", "1300.5", True)
