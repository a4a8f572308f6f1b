"""The home page's figures kept in the cache (HOME_CACHE_SECONDS): per user and language, dropped
by the user's own change, recomputed on ?refresh=1, and the page says when they were computed."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from risk.models import Risk
from tests.core.test_dashboards import _tiles, world


@pytest.fixture
def cached(settings, cast):
    settings.HOME_CACHE_SECONDS = 60
    cache.clear()
    world(cast, cast.program_a)
    world(cast, cast.program_b, vendor=cast.vendor_y)
    yield cast
    cache.clear()


def _get(client, user, url=None):
    client.force_login(user)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url or reverse("core:home"))
    assert response.status_code == 200
    return response.content.decode(), len(ctx)


def _critical(program, n=1):
    for i in range(n):
        Risk.objects.create(
            program=program,
            title=f"New critical {i}",
            category="operational",
            event="e",
            inherent_likelihood=5,
            inherent_impact=5,
            residual_likelihood=5,
            residual_impact=5,
            assessed_at=timezone.now(),
        )


def test_second_view_is_served_from_the_cache_and_says_when(cached, client):
    first, first_queries = _get(client, cached.manager)
    again, again_queries = _get(client, cached.manager)
    assert _tiles(again) == _tiles(first)
    assert again_queries < first_queries / 3, (first_queries, again_queries)
    assert 'data-testid="figures-as-of"' in again and reverse("core:home_refresh") in again


def test_a_change_by_someone_else_shows_on_refresh(cached, client):
    before = _tiles(_get(client, cached.manager)[0])["risks-critical"][0][0]
    _critical(cached.program_a, 2)  # written by another process: no request of this user
    assert _tiles(_get(client, cached.manager)[0])["risks-critical"][0][0] == before
    refreshed = _tiles(_get(client, cached.manager, reverse("core:home") + "?refresh=1")[0])
    assert int(refreshed["risks-critical"][0][0]) == int(before) + 2


def test_the_users_own_change_drops_their_figures(cached, client):
    before = int(_tiles(_get(client, cached.manager)[0])["risks-critical"][0][0])
    _critical(cached.program_a)
    response = client.post(reverse("core:notifications_read_all"))  # any successful change of theirs
    assert response.status_code < 400
    assert int(_tiles(_get(client, cached.manager)[0])["risks-critical"][0][0]) == before + 1


def test_figures_are_per_user(cached, client):
    manager_html, _ = _get(client, cached.manager)
    outsider_html, _ = _get(client, cached.outsider)  # manager of program B only
    assert reverse("strategy:program_detail", args=[cached.program_a.pk]) in manager_html
    assert reverse("strategy:program_detail", args=[cached.program_a.pk]) not in outsider_html


def test_figures_are_per_language(cached, client):
    english, _ = _get(client, cached.manager)
    assert "My programs at a glance" in english
    cached.manager.language = "zh-hans"
    cached.manager.save(update_fields=["language"])
    chinese, _ = _get(client, cached.manager)
    assert "我的项目概览" in chinese and "My programs at a glance" not in chinese


def test_notifications_stay_live(cached, client):
    from bpo.core.services import notify

    _get(client, cached.manager)
    notify(recipients=[cached.manager], event_key="cache-test", title="Fresh news")
    assert "Fresh news" in _get(client, cached.manager)[0]


def test_the_refresh_button_recomputes_and_lands_on_the_plain_home(cached, client):
    before = int(_tiles(_get(client, cached.manager)[0])["risks-critical"][0][0])
    _critical(cached.program_a)
    response = client.post(reverse("core:home_refresh"))
    assert response.status_code == 302 and response["Location"] == reverse("core:home")
    assert int(_tiles(_get(client, cached.manager)[0])["risks-critical"][0][0]) == before + 1
    assert client.get(reverse("core:home_refresh")).status_code == 405


def test_losing_a_program_drops_the_cached_figures_at_once(cached, client):
    from bpo.accounts.models import ProgramMembership

    program_url = reverse("strategy:program_detail", args=[cached.program_a.pk])
    assert program_url in _get(client, cached.manager)[0]
    ProgramMembership.objects.filter(user=cached.manager, program=cached.program_a).delete()  # by an administrator
    assert program_url not in _get(client, cached.manager)[0]


def test_a_role_change_and_a_new_sponsor_drop_the_cached_figures(cached, client):
    program_url = reverse("strategy:program_detail", args=[cached.program_b.pk])
    assert program_url not in _get(client, cached.viewer)[0]
    cached.program_b.sponsor = cached.viewer
    cached.program_b.save()
    assert program_url in _get(client, cached.viewer)[0]
    assert 'data-section="finance"' not in _get(client, cached.viewer)[0]
    cached.viewer.role = "finance"
    cached.viewer.save()
    assert 'data-section="finance"' in _get(client, cached.viewer)[0]


# The portal home keeps its figures the same way, under the same per-user key.


def _invoices_open(html):
    return int(_tiles(html)["portal-invoices-open"][0][0])


def _submit_invoice(cast):
    from delivery.models import Invoice

    contract = cast.program_a.contracts.get(vendor=cast.vendor_x)
    number = f"I-new-{Invoice.objects.count()}"
    return Invoice.objects.create(
        contract=contract, number=number, period=contract.start_date, status="submitted",
        gross_amount=100, net_amount=0, submitted_by=cast.vendor_x_admin,
    )  # fmt: skip


def test_portal_home_second_view_is_served_from_the_cache_and_says_when(cached, client):
    first, first_queries = _get(client, cached.vendor_x_admin, reverse("portal:home"))
    again, again_queries = _get(client, cached.vendor_x_admin, reverse("portal:home"))
    assert _tiles(again) == _tiles(first)
    assert again_queries < first_queries / 2, (first_queries, again_queries)
    assert 'data-testid="figures-as-of"' in again and reverse("portal:home_refresh") in again


def test_portal_home_refresh_recomputes(cached, client):
    before = _invoices_open(_get(client, cached.vendor_x_admin, reverse("portal:home"))[0])
    _submit_invoice(cached)  # by another process
    assert _invoices_open(_get(client, cached.vendor_x_admin, reverse("portal:home"))[0]) == before
    assert _invoices_open(_get(client, cached.vendor_x_admin, reverse("portal:home") + "?refresh=1")[0]) == before + 1
    _submit_invoice(cached)
    response = client.post(reverse("portal:home_refresh"))
    assert response.status_code == 302 and response["Location"] == reverse("portal:home")
    assert _invoices_open(_get(client, cached.vendor_x_admin, reverse("portal:home"))[0]) == before + 2


def test_portal_home_the_vendor_users_own_change_drops_their_figures(cached, client):
    before = _invoices_open(_get(client, cached.vendor_x_admin, reverse("portal:home"))[0])
    _submit_invoice(cached)
    response = client.post(reverse("portal:notification_preferences"), {})  # any successful change of theirs
    assert response.status_code < 400
    assert _invoices_open(_get(client, cached.vendor_x_admin, reverse("portal:home"))[0]) == before + 1


def test_portal_home_figures_are_per_user_and_vendor(cached, client):
    x_html, _ = _get(client, cached.vendor_x_admin, reverse("portal:home"))
    y_html, _ = _get(client, cached.vendor_y_admin, reverse("portal:home"))
    x_contract = cached.program_a.contracts.get(vendor=cached.vendor_x)
    y_contract = cached.program_b.contracts.get(vendor=cached.vendor_y)
    assert x_contract.number in x_html and y_contract.number not in x_html
    assert y_contract.number in y_html and x_contract.number not in y_html


def test_portal_home_figures_are_per_language(cached, client):
    english, _ = _get(client, cached.vendor_x_admin, reverse("portal:home"))
    assert "Our service at a glance" in english
    cached.vendor_x_admin.language = "zh-hans"
    cached.vendor_x_admin.save(update_fields=["language"])
    chinese, _ = _get(client, cached.vendor_x_admin, reverse("portal:home"))
    assert "Our service at a glance" not in chinese and "Figures as of" not in chinese


def test_portal_home_refresh_is_for_vendor_users_only(cached, client):
    client.force_login(cached.manager)
    assert client.post(reverse("portal:home_refresh")).status_code == 403
