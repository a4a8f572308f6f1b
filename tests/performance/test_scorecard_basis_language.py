"""A scorecard line's Basis ("3 of 4 results with enough data") is computed by a background job that
has no reader: its figures are stored and worded in the reader's language on the staff page, the
portal and the API. Lines stored as English text before are read back into figures."""

import importlib

import pytest
from django.apps import apps
from django.urls import reverse

from performance.models import Scorecard, ScorecardLine
from performance.scorecards import services

from .scorecard_helpers import finalized_period, template

pytestmark = pytest.mark.django_db

EN = "3 of 4 results with enough data"
ZH = "4 项结果中有 3 项数据充足"


def _card(cast):
    template()
    card, _ = services.scorecard_draft(period=finalized_period(cast), by=cast.manager)
    return card


def _speak(user, language):
    user.language = language
    user.save(update_fields=["language"])


def test_the_basis_is_stored_as_figures_not_as_english_text(cast):
    line = _card(cast).lines.get(kind="sla_attainment")
    assert line.basis_values == {"counted": 3, "total": 4} and line.basis == ""
    assert line.basis_text == EN


def test_staff_page_portal_and_api_word_the_basis_in_the_readers_language(cast, client):
    card = _card(cast)
    Scorecard.objects.filter(pk=card.pk).update(status="published")
    _speak(cast.manager, "zh-hans")
    client.force_login(cast.manager)
    page = client.get(reverse("performance:scorecard_detail", args=[card.pk])).content.decode()
    assert ZH in page and EN not in page
    _speak(cast.vendor_x_admin, "zh-hans")
    client.force_login(cast.vendor_x_admin)
    portal = client.get(reverse("portal:scorecard_detail", args=[card.pk])).content.decode()
    assert ZH in portal and EN not in portal
    api = client.get(f"/api/v1/scorecards/{card.pk}/").json()
    assert ZH in [line["basis"] for line in api["lines"]]
    _speak(cast.vendor_x_admin, "en")
    api = client.get(f"/api/v1/scorecards/{card.pk}/").json()
    assert EN in [line["basis"] for line in api["lines"]]


def test_the_migration_reads_stored_english_texts_back_into_figures(cast):
    card = _card(cast)
    sla = card.lines.get(kind="sla_attainment")
    ScorecardLine.objects.filter(pk=sla.pk).update(basis="4 of 4 results with enough data", basis_values={})
    other = card.lines.exclude(kind="sla_attainment").first()
    ScorecardLine.objects.filter(pk=other.pk).update(basis="typed by someone", basis_values={})
    migration = importlib.import_module("performance.migrations.0006_scorecardline_basis_values")
    migration.basis_to_figures(apps, None)
    sla.refresh_from_db()
    other.refresh_from_db()
    assert (sla.basis, sla.basis_values) == ("", {"counted": 4, "total": 4})
    assert (other.basis, other.basis_values, other.basis_text) == ("typed by someone", {}, "typed by someone")
    migration.figures_to_basis(apps, None)
    sla.refresh_from_db()
    assert sla.basis == "4 of 4 results with enough data"
