"""`scoped`: users who read everything skip the access subquery; everyone else keeps it."""

import pytest

from bpo.core.scoping import _required, scoped
from contracts.models import ServiceLevel
from delivery.models import Invoice, Task
from risk.models import Risk
from strategy.models import Program


def _sql(qs) -> str:
    return str(qs.query)


@pytest.mark.django_db
def test_global_readers_get_no_subquery_and_others_keep_it(cast):
    parents = Program.objects.visible_to(cast.admin).values("pk")
    for user in (cast.admin, cast.executive):
        assert "IN (SELECT" not in _sql(scoped(Task.objects.all(), user, "program", parents))
        assert "IN (SELECT" not in _sql(Task.objects.visible_to(user))
        assert "IN (SELECT" not in _sql(Invoice.objects.visible_to(user))
    manager_sql = _sql(Task.objects.visible_to(cast.manager))
    assert "IN (SELECT" in manager_sql
    assert "IN (SELECT" in _sql(Invoice.objects.visible_to(cast.manager))


@pytest.mark.django_db
def test_finance_and_legal_skip_the_subquery_only_for_their_part(cast):
    """Finance reads every program's money, legal every contract: the shortcut there; the other
    records of a program they read as members, through the subquery (bpo.core.scoping)."""
    assert "IN (SELECT" not in _sql(Invoice.objects.visible_to(cast.finance))
    assert "IN (SELECT" not in _sql(ServiceLevel.objects.visible_to(cast.legal))
    assert "IN (SELECT" in _sql(Invoice.objects.visible_to(cast.legal))
    for user in (cast.finance, cast.legal):
        assert "IN (SELECT" in _sql(Task.objects.visible_to(user))
        assert "IN (SELECT" in _sql(scoped(Task.objects.all(), user, "program", Program.objects.values("pk")))


def test_a_nullable_step_keeps_the_filter():
    assert _required(Invoice, "contract")
    assert _required(Task, "program")
    assert not _required(Risk, "contract")  # a risk may have no contract: the filter would drop it


@pytest.mark.django_db
def test_the_shortcut_returns_the_same_rows(cast):
    from tests.factories import ProgramFactory

    ProgramFactory(code="PC")
    everything = set(Program.objects.values_list("pk", flat=True))
    assert set(Program.objects.visible_to(cast.admin).values_list("pk", flat=True)) == everything
    assert set(Program.objects.visible_to(cast.manager).values_list("pk", flat=True)) == {cast.program_a.pk}
