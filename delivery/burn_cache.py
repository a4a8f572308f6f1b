"""The home page's budget burn, kept in the shared cache under the programs' burn stamps.

The burn of a program (delivery.dashboard.burn) is the same for every user who may see the program:
it sums the program's budget lines, cost entries and the invoices of its contracts in its currency.
Summing every invoice is most of a computed home page's time (100,000 invoices: over 100 ms), so
the figures are kept under a key made of each program's id and stamp token (models.BurnStamp),
read with the visible programs (bpo.core.dashboard.visible_phases): any write that changes what a
program's burn sums replaces its token in the same transaction (the signals below), so the next
page computes it again - in every process, whatever the cache backend; a rolled-back write leaves
the old token with the old rows. A user only ever asks for the programs they may see, and the key
names every one of them, so no figure of another program is read. A program without a stamp
(rows written around the ORM) is never kept."""

import hashlib
import secrets

from django.core.cache import cache

TIMEOUT = 24 * 3600  # a day: the tokens change with the data, this only bounds the memory


def new_token() -> int:
    return secrets.randbits(62)


def cache_key(tokens: dict, program_ids) -> str | None:
    """The key of these programs' figures, or None when one of them has no stamp."""
    parts = []
    for pk in sorted(program_ids):
        token = tokens.get(pk)
        if token is None:
            return None
        parts.append(f"{pk}:{token}")
    return "burn:" + hashlib.sha256(",".join(parts).encode()).hexdigest()


def cached_burn(program_ids, tokens: dict, compute) -> dict:
    """`compute(program_ids)`, kept under the programs' tokens (see the module's docstring)."""
    key = cache_key(tokens, program_ids)
    if key is not None:
        figures = cache.get(key)
        if figures is not None:
            return figures
    figures = compute(program_ids)
    if key is not None:
        cache.set(key, figures, TIMEOUT)
    return figures


def stamp(program_ids) -> None:
    """A new token for each of these programs that has a stamp (an UPDATE only: a row deleted with
    its program, in the middle of the cascade, must not create a stamp again)."""
    from .models import BurnStamp

    ids = sorted({pk for pk in program_ids if pk})
    if ids:
        BurnStamp.objects.filter(program_id__in=ids).update(token=new_token())


def create_stamps(program_ids) -> None:
    """A stamp with a new token for each of these programs, whether it had one or not."""
    from .models import BurnStamp

    token = new_token()
    BurnStamp.objects.bulk_create(
        [BurnStamp(program_id=pk, token=token) for pk in sorted(set(program_ids))],
        update_conflicts=True,
        unique_fields=["program"],
        update_fields=["token"],
    )


def _program_saved(sender, instance, **kwargs):
    create_stamps([instance.pk])  # a new program, or its currency may have changed


def _program_rows_changed(sender, instance, **kwargs):
    """A budget line or a cost entry."""
    stamp([instance.program_id])


def _invoice_changed(sender, instance, **kwargs):
    from contracts.models import Contract

    from .models import BurnStamp

    program = Contract.objects.filter(pk=instance.contract_id).values("program_id")
    BurnStamp.objects.filter(program_id__in=program).update(token=new_token())


def _contract_saving(sender, instance, **kwargs):
    """A contract moved to another program takes its invoices along: the old program changes too."""
    if instance.pk and not instance._state.adding:
        instance._burn_old_program = sender.objects.filter(pk=instance.pk).values_list("program_id", flat=True).first()


def _contract_changed(sender, instance, **kwargs):
    """Its currency decides whether its invoices count; its program which burn they add to."""
    stamp([instance.program_id, getattr(instance, "_burn_old_program", None)])


def connect() -> None:
    """Called from DeliveryConfig.ready()."""
    from django.db.models.signals import post_delete, post_save, pre_save

    from contracts.models import Contract
    from strategy.models import BudgetLine, Program

    from .models import CostEntry, Invoice

    post_save.connect(_program_saved, sender=Program, dispatch_uid="burn-program")
    for model in (BudgetLine, CostEntry):
        post_save.connect(_program_rows_changed, sender=model, dispatch_uid=f"burn-save-{model.__name__}")
        post_delete.connect(_program_rows_changed, sender=model, dispatch_uid=f"burn-delete-{model.__name__}")
    post_save.connect(_invoice_changed, sender=Invoice, dispatch_uid="burn-invoice-save")
    post_delete.connect(_invoice_changed, sender=Invoice, dispatch_uid="burn-invoice-delete")
    pre_save.connect(_contract_saving, sender=Contract, dispatch_uid="burn-contract-saving")
    post_save.connect(_contract_changed, sender=Contract, dispatch_uid="burn-contract-save")
    post_delete.connect(_contract_changed, sender=Contract, dispatch_uid="burn-contract-delete")
