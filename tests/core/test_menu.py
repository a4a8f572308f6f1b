"""The menu is rendered once per door, language and flag, and each user gets the one of their own."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _menu(page: str) -> str:
    start = page.index('class="mainnav"')
    return page[start : page.index("</nav>", start)]


def test_only_administrators_see_the_administration_menu(client, cast):
    client.force_login(cast.admin)
    assert reverse("accounts:user_list") in _menu(client.get("/").content.decode())
    client.force_login(cast.manager)
    menu = _menu(client.get("/").content.decode())
    assert reverse("accounts:user_list") not in menu
    assert reverse("delivery:task_list") in menu


def test_the_menu_follows_each_users_language(client, cast):
    cast.viewer.language = "zh-hans"
    cast.viewer.save(update_fields=["language"])
    client.force_login(cast.manager)
    english = _menu(client.get("/").content.decode())
    client.force_login(cast.viewer)
    chinese = _menu(client.get("/").content.decode())
    assert "Home" in english and "首页" not in english
    assert "首页" in chinese and ">Home<" not in chinese
    client.force_login(cast.manager)
    assert _menu(client.get("/").content.decode()) == english


def test_only_a_vendor_administrator_sees_the_portal_users_link(client, cast):
    client.force_login(cast.vendor_x_admin)
    assert reverse("portal:users") in _menu(client.get("/portal/").content.decode())
    client.force_login(cast.vendor_x_user)
    menu = _menu(client.get("/portal/").content.decode())
    assert reverse("portal:users") not in menu and reverse("portal:home") in menu


def test_the_bell_counts_unread_notifications(client, cast):
    from bpo.core.services import notify

    notify(recipients=[cast.manager], event_key="test:bell", title="A", url="/", email=False)
    client.force_login(cast.manager)
    page = client.get("/").content.decode()
    assert 'data-testid="unread-count">1<' in page


def test_sourcing_events_only_for_users_who_read_some_event(client, cast):
    """Finance and legal read no sourcing event by their role (vendors.querysets.reads_every_event):
    the entry opened an empty list. Administrators and executives always read events; other staff
    through a program they are a member of (an evaluator too) or sponsor."""
    from tests.factories import MembershipFactory

    events = reverse("vendors:event_list")
    seen = {}
    for name in ("admin", "executive", "manager", "evaluator", "viewer", "finance", "legal"):
        client.force_login(getattr(cast, name))
        seen[name] = events in _menu(client.get("/").content.decode())
    assert seen == {
        "admin": True,
        "executive": True,
        "manager": True,
        "evaluator": True,
        "viewer": True,
        "finance": False,
        "legal": False,
    }
    # Reading a program as other staff do (here a viewer membership) shows it to legal again.
    MembershipFactory(user=cast.legal, program=cast.program_a, role="viewer")
    client.force_login(cast.legal)
    menu = _menu(client.get("/").content.decode())
    assert events in menu and reverse("vendors:vendor_list") in menu


def test_the_menu_costs_no_query_until_rendered_and_none_for_administrators(client, cast, django_assert_num_queries):
    from bpo.core.context_processors import _StaffMenu

    with django_assert_num_queries(0):
        menu = _StaffMenu(cast.admin)
        assert reverse("vendors:event_list") in str(menu)
