"""The open records a staff user owns in a program: what they must hand over before they stop
reading it (bpo.accounts.services.membership_set and membership_remove).

Whoever is given a program record must be able to see the program (risk.selectors.may_see_program,
checked when the person is given). Removing a member, or making them an evaluator only, would
leave them owning records of a program they can no longer open, and nobody following them up: the
team page refuses it while they own open records there.

One query per kind of record, whatever the number of records. "Open" is each model's not-closed
states; a contingency plan and an active line of the communication plan have none, so every one
counts. Records of something already done (a quality review or audit, a status report) and the
charter's objectives (kept by its approved revision) do not hold anyone.
"""

from dataclasses import dataclass
from functools import cache

from django.apps import apps
from django.db.models import Q
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

# Listed by name in the refusal; the rest are counted ("and 4 more").
NAMED_AT_MOST = 10


@dataclass(frozen=True)
class Kind:
    """A kind of record a staff user owns: `model` ("app.Model"), the path to the person, the path
    to the program, the filter of its open rows and the relations its name reads."""

    model: str
    person: str
    program: str
    open: Q
    related: tuple = ()


@cache
def kinds() -> tuple[Kind, ...]:
    """Every staff owner or assignee of a program record (the people risk.selectors.may_see_program
    is asked about when they are given one), with that model's open states."""
    from contracts.choices import ObligationStatus
    from delivery.choices_engagement import SUPPORT_ACTIVE, ActionItemStatus
    from performance.improvement.choices import INITIATIVE_OPEN
    from performance.scorecards.choices import ScorecardStatus
    from risk.choices import ActionStatus, RiskStatus

    return (
        Kind("delivery.Task", "owner", "program", Q(actual_finish__isnull=True)),
        Kind("delivery.SupportRequest", "assignee", "program", Q(status__in=SUPPORT_ACTIVE)),
        Kind("delivery.ActionItem", "owner", "program", Q(status=ActionItemStatus.OPEN)),
        Kind("delivery.Communication", "owner", "program", Q(active=True)),
        Kind("risk.Risk", "owner", "program", Q(status=RiskStatus.OPEN)),
        Kind(
            "risk.CorrectiveAction",
            "owner",
            "program",
            ~Q(status__in=(ActionStatus.DISMISSED, ActionStatus.VERIFIED)),
        ),
        Kind("risk.ContingencyPlan", "owner", "program", Q()),
        Kind("contracts.Obligation", "owner", "contract__program", Q(status=ObligationStatus.OPEN)),
        Kind("performance.ImprovementInitiative", "owner", "program", Q(status__in=INITIATIVE_OPEN)),
        # A reviewer named on a draft scorecard who has not rated yet (one row per scorecard).
        Kind(
            "performance.Scorecard",
            "lines__ratings__reviewer",
            "contract__program",
            Q(status=ScorecardStatus.DRAFT, lines__ratings__rating__isnull=True),
            related=("contract", "period"),
        ),
    )


@dataclass(frozen=True)
class OpenRecord:
    kind: str  # the model's name in the active language ("task", "risk")
    label: str
    url: str
    program: str = ""  # the code of its program ("CS-2026")


def open_records(user, program) -> list[OpenRecord]:
    """The open records of `program` that `user` owns (tasks, requests, risks...), kind by kind."""
    found = []
    for kind in kinds():
        model = apps.get_model(kind.model)
        rows = (
            model._default_manager.filter(kind.open, **{kind.person: user.pk, kind.program: program.pk})
            .select_related(*kind.related)
            .order_by("pk")
            .distinct()
        )
        name = str(model._meta.verbose_name)
        found.extend(
            OpenRecord(kind=name, label=str(row), url=row.get_absolute_url(), program=program.code) for row in rows
        )
    return found


def open_records_outside(user, programs) -> list[OpenRecord]:
    """The open records `user` owns in any program but `programs` (a queryset of programs, run as a
    subquery; None: in every program), grouped by program code, kind by kind within one: what they
    must hand over before they stop reading those programs (bpo.accounts.services.user_update,
    vendor_user_set_active). One query per kind of record, whatever the number of programs and
    records."""
    found = []
    for kind in kinds():
        model = apps.get_model(kind.model)
        rows = model._default_manager.filter(kind.open, **{kind.person: user.pk})
        if programs is not None:
            rows = rows.exclude(**{f"{kind.program}__in": programs.values("pk")})
        rows = rows.select_related(kind.program, *kind.related).order_by("pk").distinct()
        name = str(model._meta.verbose_name)
        for row in rows:
            program = _follow(row, kind.program)
            found.append(OpenRecord(kind=name, label=str(row), url=row.get_absolute_url(), program=program.code))
    # Stable: the kinds keep their order within each program.
    return sorted(found, key=lambda r: r.program)


def _follow(row, path: str):
    for step in path.split("__"):
        row = getattr(row, step)
    return row


def refusal_message(user, program, records, *, html=False) -> str:
    """'Li Wei still owns 3 open records of CS-2026: task “Cut-over”, risk “R-0001 Data loss”, …;
    reassign them first.' With `html`, each record named is a link to it (escaped, safe)."""
    return _refusal(user, program.code, records, html=html)


def refusal_message_across(user, records, *, html=False, ask_staff=False) -> str:
    """refusal_message for records of one or more programs (open_records_outside): 'Li Wei still
    owns 2 open records of CS-2026, HR-2026: task “Cut-over” (CS-2026), risk “R-0002 Attrition”
    (HR-2026); reassign them first.' Of one program, as refusal_message words it. `ask_staff`: the
    reader cannot reassign them (a vendor administrator), so they are told to ask the program staff."""
    codes = list(dict.fromkeys(r.program for r in records))
    return _refusal(user, ", ".join(codes), records, html=html, with_program=len(codes) > 1, ask_staff=ask_staff)


def _refusal(user, programs, records, *, html, with_program=False, ask_staff=False) -> str:
    shown = records[:NAMED_AT_MOST]
    pattern = _("%(kind)s “%(record)s” (%(program)s)") if with_program else _("%(kind)s “%(record)s”")
    if html:
        named = [
            conditional_escape(pattern)
            % {
                "kind": conditional_escape(r.kind),
                "record": format_html('<a href="{}">{}</a>', r.url, r.label),
                "program": conditional_escape(r.program),
            }
            for r in shown
        ]
    else:
        named = [pattern % {"kind": r.kind, "record": r.label, "program": r.program} for r in shown]
    listed = ", ".join(named)
    more = len(records) - len(shown)
    if more:
        and_more = ngettext("%(records)s and %(count)d more", "%(records)s and %(count)d more", more)
        listed = (conditional_escape(and_more) if html else and_more) % {"records": listed, "count": more}
    if ask_staff:
        text = ngettext(
            "%(name)s still owns %(count)d open record of %(program)s: %(records)s; ask the program staff to "
            "reassign it first.",
            "%(name)s still owns %(count)d open records of %(program)s: %(records)s; ask the program staff to "
            "reassign them first.",
            len(records),
        )
    else:
        text = ngettext(
            "%(name)s still owns %(count)d open record of %(program)s: %(records)s; reassign it first.",
            "%(name)s still owns %(count)d open records of %(program)s: %(records)s; reassign them first.",
            len(records),
        )
    values = {"name": user.get_full_name() or user.username, "count": len(records), "program": programs}
    if not html:
        return text % {**values, "records": listed}
    # The translated sentence and the names escaped; the links built above kept.
    escaped = {**values, "name": conditional_escape(values["name"]), "program": conditional_escape(programs)}
    return mark_safe(conditional_escape(text) % {**escaped, "records": listed})  # noqa: S308
