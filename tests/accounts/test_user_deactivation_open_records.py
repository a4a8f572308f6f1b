"""An administrator's user page: a user who owns open records (a task, a risk, an obligation...)
is not given a role (or vendor) that stops them reading the programs of those records, until the
records are reassigned or closed. The refusal names them, across programs, next to the field; what
the administrator typed is kept and nothing is saved. A deactivation is never held (locking out an
account must not wait): the user is deactivated, whoever did it is told what they still own, and
the managers of each program are notified to reassign it; in the portal too."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bpo.accounts import services
from bpo.accounts.models import ProgramMembership, User
from bpo.accounts.open_records import kinds as open_record_kinds
from bpo.accounts.open_records import open_records_outside
from bpo.core.models import Notification
from bpo.core.services import absolute_link
from contracts.models import Obligation
from risk.models import Risk
from tests.contracts.factories import contract_of_a
from tests.delivery.engagement_factories import action_item_of_x
from tests.delivery.plan_factories import task

pytestmark = pytest.mark.django_db


@pytest.fixture
def li_wei(cast):
    """The contributor of program A, a viewer of program B too."""
    cast.contributor.first_name, cast.contributor.last_name = "Li", "Wei"
    cast.contributor.save(update_fields=["first_name", "last_name"])
    ProgramMembership.objects.create(program=cast.program_b, user=cast.contributor, role="viewer")
    return cast.contributor


def _risk(program, owner, title="Data loss", status="open"):
    return Risk.objects.create(program=program, title=title, category="data", event="x", owner=owner, status=status)


def _form(user, **overrides):
    data = {
        "username": user.username,
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "role": user.role,
        "vendor": user.vendor_id or "",
        "language": user.language,
    }
    if user.is_active:
        data["is_active"] = "on"
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def _edit(user):
    return reverse("accounts:user_update", args=[user.pk])


def _as_global_reader(user, role="executive"):
    """`user` made a reader of every program's records with no membership (their role alone)."""
    ProgramMembership.objects.filter(user=user).delete()
    User.objects.filter(pk=user.pk).update(role=role)
    user.refresh_from_db()
    return user


def _notes(user, prefix="owner-deactivated-"):
    return list(Notification.objects.filter(recipient=user, event_key__startswith=prefix).order_by("pk"))


def test_a_change_of_role_that_stops_them_reading_is_refused_next_to_role(cast, client, li_wei):
    t = task(cast.program_a, "Cut-over rehearsal", 1, 10, owner=li_wei)
    risk = _risk(cast.program_b, li_wei)
    _as_global_reader(li_wei)
    client.force_login(cast.admin)
    response = client.post(_edit(li_wei), _form(li_wei, first_name="Lee", role="member"))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["role"] == [
        f'Li Wei still owns 2 open records of PA, PB: task “<a href="{t.get_absolute_url()}">Cut-over rehearsal</a>” '
        f'(PA), risk “<a href="{risk.get_absolute_url()}">{risk.reference} Data loss</a>” (PB); reassign them first.'
    ]
    # What was typed is kept on the re-rendered form; nothing was saved.
    assert form["first_name"].value() == "Lee" and form["role"].value() == "member"
    assert 'value="Lee"' in response.content.decode()
    li_wei.refresh_from_db()
    assert li_wei.role == "executive" and li_wei.first_name == "Li"
    # Renamed, or given another role reading every program, they still read both: not held.
    assert client.post(_edit(li_wei), _form(li_wei, first_name="Lee")).status_code == 302
    li_wei.refresh_from_db()
    assert client.post(_edit(li_wei), _form(li_wei, role="admin")).status_code == 302
    li_wei.refresh_from_db()
    assert li_wei.role == "admin" and li_wei.first_name == "Lee" and li_wei.is_active


def test_deactivating_an_owner_is_never_held_and_their_managers_are_told(cast, client, li_wei):
    """Locking out a departed or compromised account must not wait for a hand-over: the user is
    deactivated at once, the administrator is told what they still own, and the managers of each
    program are told (in their language) to reassign it."""
    t = task(cast.program_a, "Cut-over rehearsal", 1, 10, owner=li_wei)
    _risk(cast.program_b, li_wei)
    _risk(cast.program_a, li_wei, title="Closed long ago", status="closed")
    client.force_login(cast.admin)
    response = client.post(_edit(li_wei), _form(li_wei, first_name="Lee", is_active=None), follow=True)
    assert response.status_code == 200
    li_wei.refresh_from_db()
    assert not li_wei.is_active and li_wei.first_name == "Lee"
    text = response.content.decode().replace("&#x27;", "'")
    assert "Lee Wei still owns 2 open records of PA, PB; the programs' managers were told to reassign them." in text
    (note_a,) = _notes(cast.manager)
    assert note_a.title == "Lee Wei was deactivated and still owns 1 open records of PA"
    assert absolute_link(t.get_absolute_url()) in note_a.body and "Closed long ago" not in note_a.body
    assert note_a.category == "programs"  # the manager can choose how they hear of it
    assert note_a.url == reverse("accounts:program_members", args=[cast.program_a.pk])
    # The record is a link on the manager's notifications page.
    client.force_login(cast.manager)
    notes_page = client.get(reverse("core:notifications")).content.decode()
    assert f'href="{absolute_link(t.get_absolute_url())}"' in notes_page
    client.force_login(cast.admin)
    (note_b,) = _notes(cast.outsider)  # program B's manager
    assert "Data loss" in note_b.body and "Cut-over" not in note_b.body
    # Reactivating is never held either, whatever they own; a user with nothing open tells nobody.
    task(cast.program_a, "Given while away", 1, 10, owner=li_wei)
    assert client.post(_edit(li_wei), _form(li_wei, is_active="on")).status_code == 302
    li_wei.refresh_from_db()
    assert li_wei.is_active
    services.user_update(user=cast.viewer, by=cast.admin, is_active=False)
    assert len(_notes(cast.manager)) == 1


def test_a_reader_of_every_program_made_finance_or_staff_is_held_by_programs_they_are_no_member_of(cast, client):
    """An executive reads every program's records; finance and legal read every program's money or
    contracts but other records only as members, like program staff."""
    executive = cast.executive
    name = executive.get_full_name()
    ProgramMembership.objects.create(program=cast.program_a, user=executive, role="viewer")
    _risk(cast.program_a, executive, title="Budget overrun")
    outside = _risk(cast.program_b, executive, title="Currency swing")
    client.force_login(cast.admin)
    for role in ("finance", "legal", "member"):
        response = client.post(_edit(executive), _form(executive, role=role, first_name="Exe"))
        assert response.status_code == 200
        form = response.context["form"]
        (message,) = form.errors["role"]
        # Only program B's record: they still read program A as its viewer.
        assert message.startswith(
            f'{name} still owns 1 open record of PB: risk “<a href="{outside.get_absolute_url()}">'
        )
        assert "Budget overrun" not in message
        assert form["role"].value() == role and form["first_name"].value() == "Exe"
        executive.refresh_from_db()
        assert executive.role == "executive" and executive.get_full_name() == name
    # Another role reading every program is not held; nor is finance once B's risk is handed over.
    Risk.objects.filter(pk=outside.pk).update(owner=cast.outsider)
    assert client.post(_edit(executive), _form(executive, role="finance")).status_code == 302
    executive.refresh_from_db()
    assert executive.role == "finance"
    # Finance made program staff keeps what they read (their memberships): never held.
    _risk(cast.program_a, executive, title="Second risk")
    assert client.post(_edit(executive), _form(executive, role="member")).status_code == 302


def test_a_finance_viewer_who_owns_a_risk_is_not_removed_from_the_team(cast, client):
    """Finance reads every program's money, not its risks: removing a finance viewer who owns an
    open risk of the program is held as for any member (it let them go, the role counted as
    reading every program)."""
    membership = ProgramMembership.objects.create(program=cast.program_b, user=cast.finance, role="viewer")
    risk = _risk(cast.program_b, cast.finance, title="Currency swing")
    with pytest.raises(services.OpenRecordsRefusal) as refused:
        services.membership_remove(by=cast.admin, membership=membership)
    assert [r.url for r in refused.value.records] == [risk.get_absolute_url()]
    assert ProgramMembership.objects.filter(pk=membership.pk).exists()


def test_staff_made_a_vendor_user_is_held_by_every_open_record(cast, client):
    legal = cast.legal
    name = legal.get_full_name()
    obligation = Obligation.objects.create(
        contract=contract_of_a(cast),
        party="client",
        category="reporting",
        title="Quarterly review",
        due_date=date(2026, 2, 5),
        owner=legal,
    )
    client.force_login(cast.admin)
    response = client.post(_edit(legal), _form(legal, role="vendor_contributor", vendor=cast.vendor_x.pk))
    assert response.status_code == 200
    assert response.context["form"].errors["role"] == [
        f'{name} still owns 1 open record of PA: obligation “<a href="{obligation.get_absolute_url()}">'
        "Quarterly review</a>”; reassign it first."
    ]
    legal.refresh_from_db()
    assert legal.role == "legal" and legal.vendor_id is None


def test_the_check_asks_one_query_per_kind_whatever_the_programs_and_records(cast, li_wei):
    programs = [cast.program_a, cast.program_b]
    _as_global_reader(li_wei)

    def made_member():
        li_wei.refresh_from_db()
        with CaptureQueriesContext(connection) as queries, pytest.raises(services.OpenRecordsRefusal) as exc:
            services.user_update(user=li_wei, by=cast.admin, role="member")
        return len(queries), exc.value.records

    _risk(cast.program_a, li_wei)
    few, records = made_member()
    assert len(records) == 1
    for n in range(6):
        program = programs[n % 2]
        task(program, f"Task {n}", 1, 10, owner=li_wei)
        _risk(program, li_wei, title=f"Risk {n}")
    Obligation.objects.create(
        contract=contract_of_a(cast),
        party="client",
        category="reporting",
        title="Report",
        due_date=date(2026, 2, 5),
        owner=li_wei,
    )
    many, records = made_member()
    assert len(records) == 14 and {r.program for r in records} == {"PA", "PB"}
    assert many == few
    with CaptureQueriesContext(connection) as queries:
        assert len(open_records_outside(li_wei, None)) == 14
    assert len(queries) == len(open_record_kinds())
    assert User.objects.get(pk=li_wei.pk).role == "executive"


def test_a_vendor_admin_deactivates_a_colleague_who_owns_an_action_item_and_staff_are_told(cast, client):
    contract_of_a(cast)
    item = action_item_of_x(cast, owner=cast.vendor_x_user, title="Send the staffing plan")
    name = cast.vendor_x_user.get_full_name()
    client.force_login(cast.vendor_x_admin)
    url = reverse("portal:user_set_active", args=[cast.vendor_x_user.pk])
    response = client.post(url, {"active": "0"}, follow=True)
    text = response.content.decode().replace("&#x27;", "'")
    assert f"{name} still owns 1 open record of PA; the program's managers were told to reassign it." in text
    assert not User.objects.get(pk=cast.vendor_x_user.pk).is_active
    (note,) = _notes(cast.manager)
    assert item.get_absolute_url() in note.body


def test_the_refusal_across_programs_reads_in_chinese(cast, client, li_wei):
    t = task(cast.program_a, "切换演练", 1, 10, owner=li_wei)
    _risk(cast.program_b, li_wei, title="数据丢失")
    _as_global_reader(li_wei)
    cast.admin.language = "zh-hans"
    cast.admin.save(update_fields=["language"])
    client.force_login(cast.admin)
    response = client.post(_edit(li_wei), _form(li_wei, role="member"), HTTP_ACCEPT_LANGUAGE="zh-hans")
    (message,) = response.context["form"].errors["role"]
    assert message.startswith(
        f'Li Wei 仍负责 PA, PB 的 2 条未关闭记录：任务“<a href="{t.get_absolute_url()}">切换演练</a>”（PA）, 风险“<a '
    )
    assert message.endswith("（PB）；请先将其转交他人。")


def test_the_django_admin_deactivates_and_tells_the_managers_too(cast, client, li_wei):
    risk = _risk(cast.program_b, li_wei)
    client.force_login(cast.admin)
    url = reverse("admin:accounts_user_change", args=[li_wei.pk])
    joined = li_wei.date_joined
    data = {
        "username": li_wei.username,
        "first_name": "Lee",
        "last_name": li_wei.last_name,
        "email": li_wei.email,
        "role": li_wei.role,
        "vendor": "",
        "language": li_wei.language,
        "date_joined_0": f"{joined:%Y-%m-%d}",
        "date_joined_1": f"{joined:%H:%M:%S}",
    }
    assert client.post(url, data).status_code == 302
    li_wei.refresh_from_db()
    assert not li_wei.is_active and li_wei.first_name == "Lee"
    (note,) = _notes(cast.outsider)
    assert risk.get_absolute_url() in note.body
    # Made program staff from a global role in the admin: held, as on the user page.
    _as_global_reader(li_wei)
    User.objects.filter(pk=li_wei.pk).update(is_active=True)
    response = client.post(url, {**data, "role": "member", "is_active": "on"})
    assert response.status_code == 200
    (message,) = response.context["adminform"].form.errors["role"]
    assert message.startswith("Lee Wei still owns 1 open record of PB: risk")
    assert User.objects.get(pk=li_wei.pk).role == "executive"


def test_an_administrator_cannot_change_their_own_role_on_the_page(cast, client):
    """The form copies what was typed onto the user before the service runs: the service compares
    with the user as stored (it compared with the typed role, so the refusal never came)."""
    client.force_login(cast.admin)
    response = client.post(_edit(cast.admin), _form(cast.admin, role="member"))
    assert response.status_code == 200
    assert response.context["form"].errors["role"] == ["You cannot change your own role or deactivate yourself."]
    assert User.objects.get(pk=cast.admin.pk).role == "admin"
