"""An indicator's breach asks for the risk's review with a reason a background sync may write: its
figures are stored and worded in the reader's language on the risk page, in the API and in the
owner's notification. Reasons stored in English before are read back into figures."""

import datetime
import importlib
from decimal import Decimal

import pytest
from django.apps import apps

from bpo.core.models import Notification
from risk import services
from risk.models import Risk

from .test_register import assess, make_risk

pytestmark = pytest.mark.django_db

MAY = datetime.date(2026, 5, 1)
EN = "Attrition breached for 2026-05-01 (9.5). Suggested likelihood: 3."
ZH = "Attrition 在 2026-05-01 违约（9.5）。 建议可能性：3。"


@pytest.fixture
def flagged(cast):
    cast.contributor.language = "zh-hans"
    cast.contributor.save(update_fields=["language"])
    risk = make_risk(cast, owner=cast.contributor)
    assess(risk, cast.manager, 3, 4, 2, 4)
    kri = services.kri_create(
        risk=risk, by=cast.manager, name="Attrition", unit="%", warning_threshold=5, limit_threshold=8
    )
    services.kri_record_reading(indicator=kri, period=MAY, value=Decimal("9.5"), by=None)
    risk.refresh_from_db()
    return risk


def test_the_reason_is_stored_as_figures_and_worded_per_reader(cast, client, flagged):
    assert flagged.review_reason_values == {"kri": "Attrition", "period": "2026-05-01", "value": "9.5", "suggested": 3}
    assert flagged.review_reason == EN
    note = Notification.objects.get(recipient=cast.contributor, event_key__contains=":breach:")
    assert note.body == ZH
    client.force_login(cast.contributor)
    page = client.get(flagged.get_absolute_url()).content.decode()
    shown = page.split('<p class="reason" role="status">', 1)[1].split("</p>", 1)[0]
    assert ZH in shown and EN not in shown
    assert client.get(f"/api/v1/risks/{flagged.pk}/").json()["review_reason"] == ZH


def test_a_review_clears_the_reason_and_its_figures(cast, flagged):
    assess(flagged, cast.manager, 3, 4, 3, 4)
    flagged.refresh_from_db()
    assert (flagged.review_reason, flagged.review_reason_values, flagged.review_reason_text) == ("", {}, "")


def test_the_migration_reads_a_stored_english_reason_back_into_figures(flagged):
    figures = flagged.review_reason_values
    Risk.objects.filter(pk=flagged.pk).update(review_reason_values={})
    migration = importlib.import_module("risk.migrations.0008_risk_review_reason_values")
    migration.reasons_to_figures(apps, None)
    flagged.refresh_from_db()
    assert flagged.review_reason_values == figures
