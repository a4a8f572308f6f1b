"""The register: risks and their assessments."""

import datetime

from auditlog.context import set_actor
from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bpo.core.dates import check_date_range, date_range_errors

from ..choices import REVIEW_MONTHS
from ..models import (
    Risk,
    RiskReview,
)
from ..scoring import risk_level, risk_score
from ._common import RISK_FIELDS, _apply, _require_editable, _require_program, program_today

# --- the register -----------------------------------------------------------------------


def _check_risk(risk: Risk, changed) -> None:
    """What a page, the API or a task may set on a risk, checked when it changes (`changed`: the
    fields set; every field on create), so older records stay editable otherwise:
    - its vendor has a contract in the risk's program: sharing the risk with the vendor shows it,
      with the program's name, in that vendor's portal;
    - its owner may see the program (a member, its sponsor, or a role reading every program);
    - its next review is not in the past, in the program's time zone."""
    from ..selectors import may_see_program, program_vendor_ids

    errors = {}
    program_changed = "program" in changed
    if risk.vendor_id and (program_changed or "vendor" in changed):
        if risk.vendor_id not in program_vendor_ids(risk.program):
            errors["vendor"] = _("Choose a vendor with a contract in this risk's program.")
    if risk.owner_id and (program_changed or "owner" in changed):
        if not may_see_program(risk.owner, risk.program):
            errors["owner"] = _("Choose someone who may see this risk's program.")
    if risk.next_review_date and "next_review_date" in changed:
        if risk.next_review_date < program_today(risk.program):
            errors["next_review_date"] = _("The next review cannot be in the past.")
        else:
            errors.update(date_range_errors(next_review_date=risk.next_review_date))
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def risk_create(*, by, **data) -> Risk:
    """Adds a risk to a program's register, unassessed until its first review."""
    _require_program(by, data.get("program"))
    risk = Risk(**{k: v for k, v in data.items() if k in RISK_FIELDS})
    if risk.owner_id is None:
        risk.owner = by
    if risk.contract_id and not risk.vendor_id:
        risk.vendor_id = risk.contract.vendor_id
    _check_risk(risk, RISK_FIELDS)
    risk.full_clean()
    with set_actor(by):
        risk.save()
    return risk


@transaction.atomic
def risk_update(*, risk: Risk, by, **data) -> Risk:
    """Changes a risk's description, owner or treatment; scores change only through `risk_assess`."""
    _require_editable(Risk, risk, by)
    risk = Risk.objects.select_for_update().get(pk=risk.pk)
    if "program" in data and data["program"] != risk.program:
        _require_program(by, data["program"])
    changed = _apply(risk, data, RISK_FIELDS)
    if "contract" in changed and risk.contract_id and not risk.vendor_id:
        risk.vendor_id = risk.contract.vendor_id
        changed.append("vendor")
    _check_risk(risk, changed)
    if changed:
        risk.full_clean()
        with set_actor(by):
            risk.save(update_fields=[*changed, "updated_at"])
    return risk


def next_review_after(day: datetime.date, frequency: str) -> datetime.date:
    return day + relativedelta(months=REVIEW_MONTHS[frequency])


@transaction.atomic
def risk_assess(
    *,
    risk: Risk,
    by,
    inherent_likelihood: int,
    inherent_impact: int,
    residual_likelihood: int,
    residual_impact: int,
    notes: str = "",
    next_review_date: datetime.date | None = None,
) -> RiskReview:
    """Scores a risk (inherent and residual) and keeps the assessment in its history.

    The residual score cannot exceed the inherent one: controls do not make a risk worse.
    The next review defaults to today plus the risk's review frequency.
    """
    _require_editable(Risk, risk, by)
    risk = Risk.objects.select_for_update().get(pk=risk.pk)
    inherent = risk_score(inherent_likelihood, inherent_impact)
    residual = risk_score(residual_likelihood, residual_impact)
    if residual > inherent:
        raise ValidationError(
            {
                "residual_impact": _("The residual score (%(r)s) cannot exceed the inherent score (%(i)s).")
                % {
                    "r": residual,
                    "i": inherent,
                }
            }
        )
    now = timezone.now()
    today = program_today(risk.program)
    if next_review_date is None:
        next_review_date = next_review_after(today, risk.review_frequency)
    elif next_review_date < today:
        raise ValidationError({"next_review_date": _("The next review cannot be in the past.")})
    else:
        check_date_range(next_review_date=next_review_date)
    risk.inherent_likelihood, risk.inherent_impact = inherent_likelihood, inherent_impact
    risk.residual_likelihood, risk.residual_impact = residual_likelihood, residual_impact
    risk.assessed_at = now
    risk.next_review_date = next_review_date
    risk.review_reason = ""
    risk.review_reason_values = {}
    with set_actor(by):
        risk.save(
            update_fields=[
                "inherent_likelihood",
                "inherent_impact",
                "residual_likelihood",
                "residual_impact",
                "assessed_at",
                "next_review_date",
                "review_reason",
                "review_reason_values",
                "updated_at",
            ]
        )
        return RiskReview.objects.create(
            risk=risk,
            reviewed_at=now,
            reviewed_by=by,
            inherent_likelihood=inherent_likelihood,
            inherent_impact=inherent_impact,
            inherent_score=inherent,
            inherent_level=risk_level(inherent),
            residual_likelihood=residual_likelihood,
            residual_impact=residual_impact,
            residual_score=residual,
            residual_level=risk_level(residual),
            notes=notes,
            next_review_date=next_review_date,
        )
