"""Key risk indicators, manual or linked to a service level."""

import datetime

from auditlog.context import set_actor
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from bpo.core.dates import check_date_range
from bpo.core.i18n import interpolate
from bpo.core.services import notify
from bpo.core.zones import today_in

from ..models import (
    KeyRiskIndicator,
    KriReading,
    Risk,
)
from ._common import _program_managers, _require_editable

# --- key risk indicators ----------------------------------------------------------------


@transaction.atomic
def kri_create(*, risk: Risk, by, **data) -> KeyRiskIndicator:
    _require_editable(Risk, risk, by)
    fields = ("name", "unit", "direction", "service_level", "warning_threshold", "limit_threshold")
    kri = KeyRiskIndicator(risk=risk, **{k: v for k, v in data.items() if k in fields})
    kri.full_clean()
    with set_actor(by):
        kri.save()
    return kri


@transaction.atomic
def kri_record_reading(*, indicator: KeyRiskIndicator, period: datetime.date, value, by=None) -> KriReading:
    """Records (or corrects) the indicator's value for a period.

    A breach flags the risk for review — its next review becomes today, with the reason and
    a suggested likelihood one step higher — and notifies the risk owner. Both happen once
    per breach (indicator and period): re-entering the same period never fires again.
    `by=None` is a system feed (the service-level engine, later); a person must be an editor.
    """
    if by is not None:
        _require_editable(KeyRiskIndicator, indicator, by)
    check_date_range(period=period)  # a reading of 1900 or 9999 became the indicator's first or latest
    # A reading of a month to come (2099-11) was listed first and made the indicator look as it read.
    this_month = today_in(indicator.risk.program.time_zone).replace(day=1)
    if period.replace(day=1) > this_month:
        raise ValidationError(
            {
                "period": interpolate(
                    _("A reading is for the current month (%(month)s in the program's time zone) or earlier."),
                    {"month": f"{this_month:%Y-%m}"},
                )
            }
        )
    return _upsert_reading(indicator=indicator, period=period, value=value, status=indicator.status_of(value), by=by)


def _upsert_reading(*, indicator, period, value, status, by=None, source_result=None) -> KriReading:
    """One reading per indicator and period; the first breach of that period flags the risk (once)."""
    reading, _created = KriReading.objects.select_for_update().get_or_create(
        indicator=indicator, period=period, defaults={"value": value, "recorded_by": by, "status": status}
    )
    reading.value, reading.recorded_by, reading.status = value, by, status
    if source_result is not None:
        reading.source_result = source_result
    fire = status == "breach" and reading.flagged_at is None
    if fire:
        reading.flagged_at = timezone.now()
    reading.save()
    if fire:
        _flag_risk_for_review(indicator=indicator, reading=reading)
    return reading


# The service-level engine's result states, as an indicator status.
RESULT_STATUS = {"breach": "breach", "minor": "warning", "met": "ok"}


@transaction.atomic
def service_level_result_recorded(*, result) -> list[KriReading]:
    """Feeds one service-level result (performance.Result) to the indicators linked to its
    service level: a BREACH flags each linked risk for review and notifies its owner, once per
    breach (indicator and period), however often the result is re-evaluated. Results with
    insufficient data are ignored. The performance engine may call this after evaluating; the
    scheduled `kri_sync_service_level_breaches` catches up on any it did not."""
    status = RESULT_STATUS.get(result.state)
    if status is None:
        return []
    indicators = KeyRiskIndicator.objects.filter(service_level_id=result.service_level_id, risk__status="open")
    return [
        _upsert_reading(
            indicator=kri, period=result.period.start, value=result.value, status=status, source_result=result
        )
        for kri in indicators.select_related("risk")
    ]


def kri_sync_service_level_breaches() -> int:
    """Finds BREACH results of linked service levels that have not flagged their indicator yet
    and feeds them through `service_level_result_recorded`. Idempotent; returns how many fired."""
    from performance.models import Result

    linked = KeyRiskIndicator.objects.filter(service_level__isnull=False, risk__status="open")
    flagged = set(
        KriReading.objects.filter(indicator__in=linked, flagged_at__isnull=False).values_list(
            "indicator__service_level_id", "period"
        )
    )
    before = KriReading.objects.filter(flagged_at__isnull=False).count()
    breaches = Result.objects.filter(state="breach", service_level__in=linked.values("service_level")).select_related(
        "period"
    )
    for result in breaches:
        if (result.service_level_id, result.period.start) in flagged:
            continue
        service_level_result_recorded(result=result)
    return KriReading.objects.filter(flagged_at__isnull=False).count() - before


def _breach_key(reading) -> str:
    return f"kri:{reading.indicator_id}:breach:{reading.period.isoformat()}"


_reason_of = lazy(lambda risk: risk.review_reason_text, str)


def _flag_risk_for_review(*, indicator, reading):
    risk = Risk.objects.select_for_update().get(pk=indicator.risk_id)
    today = timezone.localdate()
    current = risk.residual_likelihood or risk.inherent_likelihood
    suggested = min(5, (current or 0) + 1) if current else None
    risk.review_reason_values = {
        "kri": indicator.name,
        "period": reading.period.isoformat(),
        "value": str(reading.value.normalize()) if reading.value is not None else "—",
        "suggested": suggested,
    }
    with translation.override(settings.LANGUAGE_CODE):  # the stored text: the site's language
        risk.review_reason = risk.review_reason_text[:300]
    if risk.next_review_date is None or risk.next_review_date > today:
        risk.next_review_date = today
    risk.save(update_fields=["review_reason", "review_reason_values", "next_review_date", "updated_at"])
    recipients = [risk.owner] if risk.owner_id else _program_managers(risk.program)
    notify(
        recipients=recipients,
        event_key=_breach_key(reading),
        title=interpolate(_("Indicator breach: %(kri)s on %(risk)s"), {"kri": indicator.name, "risk": risk.reference}),
        body=_reason_of(risk),  # worded in each recipient's language
        url=risk.get_absolute_url(),
    )
