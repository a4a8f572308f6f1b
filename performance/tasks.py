"""Scheduled jobs of the service-level engine (see performance/schedule.py). Each is idempotent."""

from celery import shared_task

from . import services


@shared_task
def evaluate_service_levels():
    """Evaluates provisional periods and finalizes closed ones, for every signed contract."""
    return services.evaluate_all()


@shared_task
def evaluate_contract(contract_id: int):
    """The engine for one contract (e.g. after a measurement upload)."""
    return services.contract_run(contract_id=contract_id)
