"""A contract version's frozen terms as the reader reads them: each term's label and display value
in the reader's language (the snapshot stores field keys and raw values, as bpo.core.history
shows a record's changes by label and display value, not by key)."""

from decimal import Decimal, InvalidOperation

from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from bpo.core import formats
from bpo.core.history import model_field

from .choices import ChangeStatus
from .models import Contract, RateCardLine, ServiceLevel

# The snapshot's lists and the model of each of their items.
LISTS = {"service_levels": (_("Service levels"), ServiceLevel), "rate_card": (_("Rate card"), RateCardLine)}


def label(model, key) -> str:
    if model is Contract and key in LISTS:
        return LISTS[key][0]
    field = model_field(model, key)
    return capfirst(field.verbose_name) if field is not None else key


def display(model, key, raw):
    """The value as the pages show it: a choice's label, Yes / No, None when empty (a dash)."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    field = model_field(model, key)
    if field is None:
        return raw
    if field.choices:
        return dict(field.flatchoices).get(raw, raw)
    if isinstance(field, models.BooleanField):
        return _("Yes") if str(raw).lower() in ("true", "1") else _("No")
    if isinstance(field, models.DecimalField | models.IntegerField):
        return _number(field, raw)
    return raw


def _number(field, raw):
    """An amount, a rate or a level as the contract page prints it (bpo.core.formats): money with
    its cents grouped (120,000.00, not 120000.00), a rate with the places it has past the cents
    (25.50), other numbers without trailing zeros (99.5); the raw text when it is no number."""
    try:
        value = Decimal(str(raw))
    except (InvalidOperation, ValueError):
        return raw
    if isinstance(field, models.IntegerField):
        return formats.format_count(value)
    if field.name == "rate":
        return formats.format_rate(value)
    if field.decimal_places == 2 and not field.name.endswith("_pct"):
        return formats.format_money(value)
    return formats.format_number(value)


def _items(model, items) -> list[list[dict]]:
    return [
        [{"label": label(model, k), "value": display(model, k, v)} for k, v in item.items()] for item in items or []
    ]


def _shown(key, value):
    if key in LISTS:
        return {"entries": _items(LISTS[key][1], value)}
    return {"value": display(Contract, key, value), "entries": None}


def terms_rows(terms: dict) -> list[dict]:
    """One row per term: {key, label, value} or, for the service levels and the rate card,
    {key, label, entries} with each item's (label, value) pairs."""
    return [{"key": key, "label": label(Contract, key), **_shown(key, value)} for key, value in terms.items()]


def diff_rows(diff: list[dict], old: dict, new: dict) -> list[dict]:
    """The rows of `versions_diff` with labels and display values ({key, label, old, new}, each
    side as `terms_rows` shows a value)."""
    return [
        {
            "key": row["field"],
            "label": label(Contract, row["field"]),
            "old": _shown(row["field"], old.get(row["field"])),
            "new": _shown(row["field"], new.get(row["field"])),
        }
        for row in diff
    ]


def pending_rows(version) -> list[dict]:
    """The terms a waiting amendment changes (its change request's, stored by field key), as
    `terms_rows` shows them: 'monthly_fee' reads Monthly fee / 月费. Empty without one."""
    if version is None or version.change_request is None:
        return []
    return terms_rows(version.change_request.proposed_terms)


def decision_text(change) -> str:
    """A decided change request's decision as the reader reads it: a withdrawn amendment's sentence in
    the reader's language, from the reason and the day it would have taken effect (stored as data;
    a stored English sentence was shown so on the Chinese pages); else the decision's comments."""
    if change.status == ChangeStatus.WITHDRAWN:
        day = change.effective_date.isoformat() if change.effective_date else "—"
        return _("Withdrawn before it took effect on %(date)s: %(reason)s") % {
            "date": day,
            "reason": change.decision_comments,
        }
    return change.decision_comments
