"""The terms a change request proposes: which terms may be amended, the JSON type each takes, and
the checks the amended contract must pass (the same as the contract's own edit), applied when the
change is raised and again when it is decided, so nothing is refused only at the decision."""

import copy

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from bpo.core.numbers import not_a_number, plain_decimal

from ..models import Contract

TEXT, DATE, INTEGER, DECIMAL, BOOLEAN = "text", "date", "integer", "decimal", "boolean"

# Each term a change request may amend, with the kind of value it takes (service levels and the rate
# card change through a new draft SOW). A value of another JSON type is refused when the change is
# raised: true is no fee, ["a"] no title, 20290101 no date (it raised a TypeError, a 500).
AMENDABLE_TERMS = {
    "title": TEXT,
    "contract_type": TEXT,
    "start_date": DATE,
    "end_date": DATE,
    "auto_renewal": BOOLEAN,
    "renewal_term_months": INTEGER,
    "notice_period_days": INTEGER,
    "currency": TEXT,
    "value": DECIMAL,
    "monthly_fee": DECIMAL,
    "at_risk_pct": DECIMAL,
    "credit_pool_limit_pct": DECIMAL,
    "grace_days": INTEGER,
    "payment_terms": TEXT,
    "penalty_clauses": TEXT,
}
TRUE_WORDS, FALSE_WORDS = ("true", "yes", "1"), ("false", "no", "0")

NOTHING_CHANGES = _("Propose at least one term that changes.")


def amendable_list() -> str:
    return ", ".join(AMENDABLE_TERMS)


def _label(key) -> str:
    try:
        return capfirst(Contract._meta.get_field(key).verbose_name)
    except Exception:  # noqa: BLE001 (a non-field error, or a key that is no field)
        return str(key)


def _wrong_type(kind, label) -> str:
    if kind == DATE:
        return _("%(field)s: give a date as text, e.g. 2029-01-01.") % {"field": label}
    if kind == INTEGER:
        return _("%(field)s: give a whole number, e.g. 90.") % {"field": label}
    if kind == DECIMAL:
        return _("%(field)s: give a number, e.g. 110000.00.") % {"field": label}
    if kind == BOOLEAN:
        return _("%(field)s: give true or false.") % {"field": label}
    return _("%(field)s: give it as text.") % {"field": label}


def _as_text(kind, raw):
    """The value as the field's own parsing takes it (text, or a bool for a yes/no term), or None
    when its JSON type is not the term's: a bool is never a number, a list or an object never a
    value, a number never a date or a text."""
    if kind == BOOLEAN:
        if isinstance(raw, bool):
            return raw
        if isinstance(raw, str) and raw.strip().lower() in (*TRUE_WORDS, *FALSE_WORDS):
            return raw.strip().lower() in TRUE_WORDS
        return None
    if isinstance(raw, str):
        return raw
    if kind == DECIMAL and isinstance(raw, int | float) and not isinstance(raw, bool):
        return str(raw)
    if kind == INTEGER and isinstance(raw, int) and not isinstance(raw, bool):
        return str(raw)
    return None


def parse_proposed_terms(proposed) -> dict:
    """Checks each proposed term's name, JSON type and value against the contract's field; returns
    the parsed values (refusals next to `proposed_terms`, all of them at once)."""
    if not isinstance(proposed, dict):
        raise ValidationError({"proposed_terms": _("Give the proposed terms as field: value pairs.")})
    parsed, errors = {}, []
    for key, raw in proposed.items():
        kind = AMENDABLE_TERMS.get(key)
        if kind is None:
            errors.append(
                _("%(field)s is not a term that can be amended (amendable: %(terms)s).")
                % {"field": key, "terms": amendable_list()}
            )
            continue
        field, label = Contract._meta.get_field(key), _label(key)
        value = _as_text(kind, raw)
        if value is None:
            errors.append(_wrong_type(kind, label))
            continue
        if kind in (INTEGER, DECIMAL) and plain_decimal(value) is None:
            # As every number typed in the app (bpo.core.numbers): 1e5, １００ or 85,5 is no number
            # here either (Decimal read 1e5 as 100000, and approving it set the fee).
            errors.append(f"{label}: {not_a_number(value)}")
            continue
        try:
            parsed[key] = field.clean(field.to_python(value), None)
        except ValidationError as exc:
            errors.append(f"{label}: {' '.join(exc.messages)}")
    if errors:
        raise ValidationError({"proposed_terms": errors})
    return parsed


def stored_terms(proposed: dict) -> dict:
    """The proposed terms as stored on the change request (text, as typed; true/false for a yes/no
    term), once `parse_proposed_terms` accepted them."""
    stored = {}
    for key, raw in proposed.items():
        value = _as_text(AMENDABLE_TERMS[key], raw)
        stored[key] = ("true" if value else "false") if isinstance(value, bool) else value
    return stored


def parsed_or_empty(proposed) -> dict:
    """The parsed terms, or {} when the stored ones no longer parse: a change holding them may still
    be assessed, rejected or withdrawn (its approval is refused with the reason)."""
    try:
        return parse_proposed_terms(proposed)
    except ValidationError:
        return {}


def check_amended_terms(contract: Contract, parsed: dict, *, base: dict | None = None) -> None:
    """The contract as amended must pass every check its own edit applies (contract_update: the
    model's clean, dates, notice period within the term, type against the master agreement; the
    SLA allocations within the pool limit), the proposal must change something, and the currency
    stays while anything was invoiced or credited in it. `base`: terms of a waiting amendment the
    proposal comes after (the contract as it will stand). All refusals next to `proposed_terms`."""
    candidate = copy.copy(contract)
    for key, value in (base or {}).items():
        setattr(candidate, key, value)
    changed = {key: value for key, value in parsed.items() if getattr(candidate, key) != value}
    if not changed:
        raise ValidationError({"proposed_terms": NOTHING_CHANGES})
    errors = []
    if refusal := currency_refusal(contract, changed):
        errors.append(refusal)
    for key, value in changed.items():
        setattr(candidate, key, value)
    try:
        candidate.full_clean()
    except ValidationError as exc:
        for key, messages in exc.message_dict.items():
            prefix = "" if key == NON_FIELD_ERRORS else f"{_label(key)}: "
            errors.extend(f"{prefix}{message}" for message in messages)
    if "credit_pool_limit_pct" in changed:
        total = contract.sla_allocation_total()
        if total > candidate.credit_pool_limit_pct:
            errors.append(
                _(
                    "%(field)s: the contract's SLA allocations sum to %(total)s%%, above the proposed pool "
                    "limit of %(limit)s%%."
                )
                % {"field": _label("credit_pool_limit_pct"), "total": total, "limit": candidate.credit_pool_limit_pct}
            )
    if errors:
        raise ValidationError({"proposed_terms": errors})


def currency_refusal(contract: Contract, parsed: dict) -> str | None:
    """Why the currency of `parsed` may not replace the contract's, or None: once anything is
    invoiced or credited in it (checked when raised, at the decision, and when a waiting amendment
    takes effect: an invoice may come in between)."""
    new = parsed.get("currency")
    if new is None or new == contract.currency or not (held := _money_in_currency(contract)):
        return None
    return _(
        "%(field)s: contract %(number)s already has %(held)s in %(currency)s; an amended currency "
        "would relabel them %(new)s and drop them from the program's budget, so the currency cannot "
        "be amended once anything is invoiced or credited."
    ) % {
        "field": _label("currency"),
        "number": contract.number,
        "held": held,
        "currency": contract.currency,
        "new": new,
    }


def _money_in_currency(contract) -> str:
    """What the contract was invoiced or credited in its currency ("2 invoices, 1 service credit"),
    or "": invoices and service credits carry no currency of their own, they read the contract's.
    (Cost entries belong to a program, in its currency, never to a contract.)"""
    from django.utils.translation import ngettext

    from delivery.models import Invoice
    from performance.models import Credit

    invoices = Invoice.objects.filter(contract=contract).count()
    credits = Credit.objects.filter(period__contract=contract).count()
    parts = []
    if invoices:
        parts.append(ngettext("%(n)d invoice", "%(n)d invoices", invoices) % {"n": invoices})
    if credits:
        parts.append(ngettext("%(n)d service credit", "%(n)d service credits", credits) % {"n": credits})
    return ", ".join(parts)
