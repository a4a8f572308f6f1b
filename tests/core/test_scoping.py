"""`scoped`: users who read everything skip the access subquery; everyone else keeps it."""

import pytest

from bpo.core.scoping import _required, scoped
from delivery.models import Invoice, Task
from risk.models import Risk
from strategy.models import Program


def _sql(qs) -> str:
    return str(qs.query)


@pytest.mark.django_db
def test_global_readers_get_no_subquery_and_others_keep_it(cast):
    parents = Program.objects.visible_to(cast.admin).values("pk")
    for user in (cast.admin, cast.finance, cast.executive, cast.legal):
        assert "IN (SELECT" not in _sql(scoped(Task.objects.all(), user, "program", parents))
        assert "IN (SELECT" not in _sql(Invoice.objects.visible_to(user))
    manager_sql = _sql(Task.objects.visible_to(cast.manager))
    assert "IN (SELECT" in manager_sql
    assert "IN (SELECT" in _sql(Invoice.objects.visible_to(cast.manager))


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
