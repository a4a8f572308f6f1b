"""The program page's gates say "ready to pass" only of the current gate whose checklist is met:
never of a gate without a checklist (steady state → renewal or exit) nor of a later gate."""

import re

from django.utils import timezone

from delivery.models import TransitionItem
from strategy.models import Program

READY = "Nothing: ready to pass"


def _rows(client, program):
    page = client.get(program.get_absolute_url()).content.decode()
    gates = page.split('data-testid="gates"', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r"<tr[^>]*>.*?</tr>", gates, flags=re.S)
    return {re.search(r'<th scope="row">(.*?) →', row).group(1): row for row in rows if 'scope="row"' in row}


def _at(cast, phase):
    Program.objects.filter(pk=cast.program_a.pk).update(phase=phase)
    return Program.objects.get(pk=cast.program_a.pk)


def test_the_gate_without_a_checklist_does_not_say_ready_to_pass(cast, client):
    client.force_login(cast.manager)
    rows = _rows(client, _at(cast, "steady_state"))
    last = rows["Steady state"]
    assert "No checklist" in last and 'aria-current="step"' in last
    assert READY not in last
    assert READY not in "".join(rows.values())


def test_only_the_current_met_gate_says_ready_to_pass(cast, client):
    TransitionItem.objects.create(
        program=cast.program_a,
        category="go_live",
        title="Agents trained",
        mandatory=True,
        done_by=cast.manager,
        done_at=timezone.now(),
        evidence="Training records signed off.",
    )
    client.force_login(cast.manager)
    rows = _rows(client, _at(cast, "sourcing"))  # the transition gate is met, but not current
    assert "Every mandatory transition item is done" in rows["Transition"]
    assert READY not in "".join(rows.values())
    rows = _rows(client, _at(cast, "transition"))
    assert READY in rows["Transition"]
    assert [label for label, row in rows.items() if READY in row] == ["Transition"]


def test_a_passed_gate_says_which_items_are_no_longer_met_rather_than_crossing_them_out(cast, client):
    """A passed gate's checklist is today's: an item met when the gate was passed and unmet now
    (a new charter revision awaiting approval) reads "no longer met", not ✗ as if never met; an
    item the gate was passed without reads "passed by override"."""
    from strategy.models import PhaseGate

    program = _at(cast, "sourcing")
    Program.objects.filter(pk=program.pk).update(status="submitted")
    gate = PhaseGate.objects.create(program=program, phase="strategy", passed_by=cast.manager, passed_at=timezone.now())
    client.force_login(cast.manager)
    strategy = _rows(client, program)["Strategy"]
    assert "⚠ Charter approved" in strategy and "no longer met since the gate was passed" in strategy
    assert "✗" not in strategy
    gate.override_reason = "Sponsor approved by e-mail"
    gate.save()
    strategy = _rows(client, program)["Strategy"]
    assert "⚠ Charter approved" in strategy and "not met: passed by override" in strategy
    assert "no longer met" not in strategy
    assert "✗" in _rows(client, program)["Sourcing"]  # the current gate still crosses out what it lacks


def test_a_transition_gate_without_mandatory_items_says_what_to_do(cast, client):
    """Not "The transition checklist has mandatory items" (crossed out, it read as if having
    items were the problem): the gate asks for them."""
    client.force_login(cast.manager)
    row = _rows(client, _at(cast, "transition"))["Transition"]
    assert "✗ Add the go-live items to the transition checklist (at least one mandatory)" in row
    assert READY not in row
