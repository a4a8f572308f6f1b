"""The cast every test can use (Healthchecks' alice/bob/charlie, for a BPO program office).

Program A and program B; vendors X and Y. Staff: an administrator, a manager, a
contributor, an evaluator and a viewer on program A, an outsider manager on program B,
finance, legal and an executive. Vendor users: an admin and a contributor of vendor X,
and an admin of vendor Y.
"""

from types import SimpleNamespace

import pytest

from bpo.accounts.choices import ProgramRole, Role

from .factories import MembershipFactory, ProgramFactory, UserFactory, VendorFactory


@pytest.fixture(autouse=True)
def _default_language_after_each_test():
    """A request in Chinese (or translation.activate in a service) leaves the thread's language
    active; every test starts in the default language, whatever ran before it."""
    yield
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)


def _build_cast():
    program_a = ProgramFactory(code="PA", name="Program A")
    program_b = ProgramFactory(code="PB", name="Program B")
    vendor_x = VendorFactory(name="Vendor X")
    vendor_y = VendorFactory(name="Vendor Y")
    users = {
        "admin": UserFactory(username="admin", role=Role.ADMIN),
        "manager": UserFactory(username="manager"),
        "contributor": UserFactory(username="contributor"),
        "evaluator": UserFactory(username="evaluator"),
        "viewer": UserFactory(username="viewer"),
        "outsider": UserFactory(username="outsider"),
        "finance": UserFactory(username="finance", role=Role.FINANCE),
        "legal": UserFactory(username="legal", role=Role.LEGAL),
        "executive": UserFactory(username="executive", role=Role.EXECUTIVE),
        "vendor_x_admin": UserFactory(username="vx-admin", role=Role.VENDOR_ADMIN, vendor=vendor_x),
        "vendor_x_user": UserFactory(username="vx-user", role=Role.VENDOR_CONTRIBUTOR, vendor=vendor_x),
        "vendor_y_admin": UserFactory(username="vy-admin", role=Role.VENDOR_ADMIN, vendor=vendor_y),
    }
    MembershipFactory(user=users["manager"], program=program_a, role=ProgramRole.MANAGER)
    MembershipFactory(user=users["contributor"], program=program_a, role=ProgramRole.CONTRIBUTOR)
    MembershipFactory(user=users["evaluator"], program=program_a, role=ProgramRole.EVALUATOR)
    MembershipFactory(user=users["viewer"], program=program_a, role=ProgramRole.VIEWER)
    MembershipFactory(user=users["outsider"], program=program_b, role=ProgramRole.MANAGER)
    return SimpleNamespace(program_a=program_a, program_b=program_b, vendor_x=vendor_x, vendor_y=vendor_y, **users)


@pytest.fixture
def cast(db):
    """Program A/B, vendor X/Y and a user for every role (see the module docstring)."""
    return _build_cast()


@pytest.fixture
def live_cast(transactional_db):
    """The same cast, committed, for tests that drive a browser against the live server."""
    return _build_cast()


ROLE_NAMES = [
    "admin",
    "manager",
    "contributor",
    "evaluator",
    "viewer",
    "outsider",
    "finance",
    "legal",
    "executive",
    "vendor_x_admin",
    "vendor_x_user",
    "vendor_y_admin",
]
