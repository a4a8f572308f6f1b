"""Every URL pattern and API route, for every role: the expected answer (allowed / login / 403 / 404).

A route missing from EXPECT fails `test_every_route_is_classified`, so no page or endpoint
can land without saying who may open it. Records come from the cast: program A (manager,
contributor, evaluator, viewer are members; the outsider manages program B; the evaluator reads
only its assigned sourcing event of A, and answers as the outsider on A's other records), vendor X
(whose users are vendor_x_*) and vendor Y.
"""

from importlib import import_module
from pathlib import Path

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from bpo.core.services import heartbeat_record

from .access import NOT_READERS_OF_A, STAFF, VENDORS, expect, only
from .conftest import ROLE_NAMES

assert sorted(STAFF + VENDORS) == sorted(ROLE_NAMES)

# Route name -> (kwargs builder, expected status per role). GET requests throughout;
# POST-only routes answer 405 to a GET once the door and login let the request through.
CORE_EXPECT = {
    "core:home": (None, expect(302, 200, 302)),  # vendor users are sent on to the portal
    "core:home_refresh": (None, expect(302, 405, 403)),
    "core:notifications": (None, expect(302, 200, 403)),
    "core:notifications_read_all": (None, expect(302, 405, 403)),
    "core:notification_read": (lambda c: {"pk": 1}, expect(302, 405, 403)),
    "accounts:login": (None, expect(200, 302, 403)),
    "accounts:logout": (None, expect(405, 405, 403)),
    "accounts:profile": (None, expect(302, 200, 403)),
    "accounts:password_change": (None, expect(302, 200, 403)),
    "accounts:invite_accept": (lambda c: {"uidb64": "MQ", "token": "bad-token"}, expect(200, 200, 403)),
    "accounts:user_list": (None, only(["admin"])),
    "accounts:user_create": (None, only(["admin"])),
    # Non-administrators see only themselves: the manager gets 403 on their own record, 404 on others.
    "accounts:user_detail": (lambda c: {"pk": c.manager.pk}, only(["admin"], others=404, manager=403)),
    "accounts:user_update": (lambda c: {"pk": c.manager.pk}, only(["admin"])),
    "accounts:program_members": (
        lambda c: {"program_pk": c.program_a.pk},
        only(["admin", "manager"], **NOT_READERS_OF_A),
    ),
    "accounts:membership_delete": (lambda c: {"pk": c.program_a.memberships.first().pk}, expect(302, 405, 403)),
    "portal:login": (None, expect(200, 200, 200)),
    "portal:logout": (None, expect(405, 405, 405)),
    "portal:invite_accept": (lambda c: {"uidb64": "MQ", "token": "bad-token"}, expect(200, 200, 200)),
    "portal:home": (None, expect(302, 403, 200)),
    "portal:home_refresh": (None, expect(302, 403, 405)),
    "portal:users": (None, expect(302, 403, 200, vendor_x_user=403)),
    "portal:user_set_active": (lambda c: {"pk": c.vendor_x_user.pk}, expect(302, 403, 405)),
    "set_language": (None, expect(405, 405, 405)),
    "healthz": (None, expect(200, 200, 200)),
    "api-root": (None, expect(401, 200, 200)),
    # The API's description is public (it holds no data); every data endpoint needs a login.
    "schema": (None, expect(200, 200, 200)),
    "swagger-ui": (None, expect(200, 200, 200)),
}


def _collect_expectations():
    """This file's routes plus each app's tests/<app>/access.py EXPECT; a route named twice is an error."""
    merged = dict(CORE_EXPECT)
    for path in sorted(Path(__file__).parent.glob("*/access.py")):
        module = import_module(f"tests.{path.parent.name}.access")
        for name, value in module.EXPECT.items():
            assert name not in merged, f"{name} is classified twice"
            merged[name] = value
    return merged


EXPECT = _collect_expectations()


def _collect_write_expectations():
    """API writes: each tests/<app>/access*.py may declare WRITES, route name -> (kwargs builder,
    {method: (JSON body or a builder of it from the cast, expected status per role)}). The builders
    run once per role, so every role writes a record of its own (a DELETE that works removes it)."""
    merged = {}
    for path in sorted(Path(__file__).parent.glob("*/access*.py")):
        module = import_module(f"tests.{path.parent.name}.{path.stem}")
        for name, value in getattr(module, "WRITES", {}).items():
            assert name not in merged, f"{name} has its writes classified twice"
            assert name in EXPECT, f"{name}: classify its GET in EXPECT too"
            merged[name] = value
    return merged


WRITES = _collect_write_expectations()


def _walk(patterns, namespace=None):
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = p.namespace or namespace
            if namespace and p.namespace:
                ns = f"{namespace}:{p.namespace}"
            yield from _walk(p.url_patterns, ns)
        elif isinstance(p, URLPattern):
            yield f"{namespace}:{p.name}" if namespace else p.name


def all_route_names():
    return sorted({name for name in _walk(get_resolver().url_patterns)})


def test_every_route_is_classified():
    """Django's admin is checked as a whole below; every other route must be in EXPECT."""
    missing = [n for n in all_route_names() if not n.startswith("admin:") and n not in EXPECT]
    assert not missing, f"Classify these routes in tests/test_access_matrix.py: {missing}"
    stale = [n for n in EXPECT if n not in all_route_names()]
    assert not stale, f"EXPECT names routes that no longer exist: {stale}"


@pytest.mark.parametrize("route", sorted(EXPECT))
def test_route_answers_each_role_as_expected(route, cast, client):
    heartbeat_record()  # so /healthz is healthy
    kwargs_for, table = EXPECT[route]
    url = reverse(route, kwargs=kwargs_for(cast) if kwargs_for else None)
    got = {}
    for role, _want in table.items():
        client.logout()
        if role != "anon":
            client.force_login(getattr(cast, role))
        got[role] = client.get(url).status_code
    mismatches = {r: (table[r], got[r]) for r in table if table[r] != got[r]}
    assert not mismatches, f"{route} {url}: role -> (expected, got): {mismatches}"


@pytest.mark.parametrize("route, method", sorted((r, m) for r, (_, methods) in WRITES.items() for m in methods))
def test_route_writes_answer_each_role_as_expected(route, method, cast, client):
    kwargs_for, methods = WRITES[route]
    body_for, table = methods[method]
    got = {}
    for role in table:
        client.logout()
        if role != "anon":
            client.force_login(getattr(cast, role))
        url = reverse(route, kwargs=kwargs_for(cast))
        body = body_for(cast) if callable(body_for) else body_for
        send = getattr(client, method.lower())
        response = send(url, content_type="application/json") if body is None else send(url, body, "application/json")
        got[role] = response.status_code
    mismatches = {r: (table[r], got[r]) for r in table if table[r] != got[r]}
    assert not mismatches, f"{method} {route}: role -> (expected, got): {mismatches}"


def test_admin_site_only_for_administrators(cast, client):
    url = reverse("admin:index")
    table = expect(302, 302, 403, admin=200)
    for role, want in table.items():
        client.logout()
        if role != "anon":
            client.force_login(getattr(cast, role))
        assert client.get(url).status_code == want, role
    # Every admin page behind the index refuses a vendor user too.
    client.force_login(cast.vendor_x_admin)
    assert client.get(reverse("admin:strategy_program_changelist")).status_code == 403
    assert client.get(reverse("admin:vendors_vendor_change", args=[cast.vendor_y.pk])).status_code == 403
