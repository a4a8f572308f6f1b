"""The end of a contract's term. The daily end-of-term job: a signed or active contract past its end
date expires, or, with auto-renewal, renews for its renewal term (each term a new version of the
terms, recorded by the system). The program's managers are told either way. A manager's manual
renewal and termination (contract_set_status) are recorded here too: each says how and when it
happened (renewed automatically or manually and by whom; terminated on which day, by whom)."""

import calendar
from datetime import date

from auditlog.context import set_actor
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from bpo.core.services import notify
from bpo.core.zones import due_before_today_q, today_in

from ..choices import ContractStatus, RenewalKind, VersionReason
from ..models import Contract
from .changes import apply_due_amendment
from .contracts import interpolate, program_managers, record_version

IN_FORCE = (ContractStatus.SIGNED, ContractStatus.ACTIVE)
# What a renewal writes to the contract (besides the end date).
RENEWAL_FIELDS = ("end_date", "renewal_count", "last_renewed_on", "last_renewal_kind", "last_renewed_by")


def add_months(day: date, months: int) -> date:
    """The same day `months` later (the month's last day when it is shorter)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def _count_renewal(contract, today, *, by):
    """One more renewal on `today`: by the end-of-term job (`by=None`, automatic) or by `by` (manual)."""
    contract.renewal_count += 1
    contract.last_renewed_on = today
    contract.last_renewal_kind = RenewalKind.MANUAL if by else RenewalKind.AUTOMATIC
    contract.last_renewed_by = by


def contracts_close_or_renew(*, today=None) -> dict:
    """Expires or renews every signed/active contract whose end date has passed.

    "Past" is by the program's time zone: a Shanghai program's contract ending on 30 November
    expires at 16:00 UTC that day, when it is 1 December in Shanghai (`today`: that date for every
    program instead, for a test or a run for a given day).

    Idempotent: each contract is re-read under a row lock and only moved while it is still in
    force and past its end date; a renewal moves the end date forward (repeated until it is not
    past, when the job was down longer than a term), so a second run finds nothing to do. Each
    term renewed records the next version of the terms (reason: automatic renewal, no user); the
    unique (contract, number) constraint refuses a duplicate even if the lock were bypassed. Each
    notification's event key names the contract and the end date it is about, so it is sent once.
    """
    done = {"expired": 0, "renewed": 0}
    due = Contract.objects.filter(due_before_today_q("end_date", today=today), status__in=IN_FORCE)
    due = due.order_by("pk").values_list("pk", flat=True)
    for pk in list(due):
        outcome = _close_or_renew(pk, today)
        if outcome:
            done[outcome] += 1
    return done


@transaction.atomic
def _close_or_renew(pk, today):
    contract = Contract.objects.select_for_update().select_related("program").get(pk=pk)
    today = today or today_in(contract.program.time_zone)
    if contract.status in IN_FORCE:
        # An amendment due by today first (it may move the end date), so a renewal's version
        # freezes the terms in force. One that no longer fits is left to its own job (logged there).
        try:
            with transaction.atomic():
                apply_due_amendment(contract, today=today)
        except ValidationError:
            pass
    if contract.status not in IN_FORCE or contract.end_date >= today:
        return None
    managers = list(program_managers(contract.program))
    url = contract.get_absolute_url()
    if contract.auto_renewal:
        while contract.end_date < today:
            old_end = contract.end_date
            contract.end_date = add_months(old_end, contract.renewal_term_months)
            _count_renewal(contract, today, by=None)
            # Saved before each version: record_version re-reads the contract for its snapshot.
            contract.save(update_fields=[*RENEWAL_FIELDS, "updated_at"])
            record_version(contract, None, reason=VersionReason.RENEWAL, effective_from=today)
            notify(
                recipients=managers,
                event_key=f"contract:{contract.pk}:renewed:{old_end.isoformat()}",
                title=interpolate(
                    _("Contract %(number)s renewed automatically until %(date)s"),
                    {"number": contract.number, "date": contract.end_date.isoformat()},
                ),
                body=interpolate(
                    _(
                        "It reached its end date (%(old)s) with auto-renewal; its term was extended by %(months)s months."
                    ),
                    {"old": old_end.isoformat(), "months": contract.renewal_term_months},
                ),
                url=url,
            )
        return "renewed"
    contract.status = ContractStatus.EXPIRED
    contract.expired_on = today
    contract.save(update_fields=["status", "expired_on", "updated_at"])
    notify(
        recipients=managers,
        event_key=f"contract:{contract.pk}:expired:{contract.end_date.isoformat()}",
        title=interpolate(
            _("Contract %(number)s expired on its end date (%(date)s)"),
            {"number": contract.number, "date": contract.end_date.isoformat()},
        ),
        body=_("It had no auto-renewal. Renew it with a new contract or close the program's services."),
        url=url,
    )
    return "expired"


def contract_renew_manually(contract, by) -> Contract:
    """A manager's renewal (contract_set_status, with the contract locked) does what the automatic
    one does: the end date moves forward by the renewal term and the terms are versioned (reason:
    renewal, by the user, so the version reads "Manual renewal"); the contract records the renewal
    as manual, by this user, and stays active, so it can still be terminated, expire or renew again."""
    today = today_in(contract.program.time_zone)
    apply_due_amendment(contract, today=today)  # its version has the terms in force
    contract.end_date = add_months(contract.end_date, contract.renewal_term_months)
    _count_renewal(contract, today, by=by)
    with set_actor(by):
        # Saved before the version: record_version re-reads the contract for its snapshot.
        contract.save(update_fields=[*RENEWAL_FIELDS, "updated_at"])
        record_version(contract, by, reason=VersionReason.RENEWAL)
    return contract


def contract_terminate(contract, by) -> Contract:
    """A manager ends the contract early (contract_set_status, with the contract locked): it is
    terminated today, in its program's time zone, by this user. Its dates stay those of the term
    it had (the pages show the termination day beside them); from now on it has no notice deadline,
    and the reminders and the end-of-term job, which act only on signed and active contracts, leave it."""
    contract.status = ContractStatus.TERMINATED
    contract.terminated_on = today_in(contract.program.time_zone)
    contract.terminated_by = by
    with set_actor(by):
        contract.save(update_fields=["status", "terminated_on", "terminated_by", "updated_at"])
    return contract
