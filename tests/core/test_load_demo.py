"""load_demo: a user for every role, at least two programs, safe to run twice, refused in production."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from bpo.accounts.choices import Role
from bpo.accounts.models import ProgramMembership, User
from bpo.core.models import Notification
from strategy.models import Program
from vendors.models import Vendor

MODELS = (Program, Vendor, User, ProgramMembership, Notification)


def _counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def _load():
    call_command("load_demo", stdout=StringIO())


def test_load_demo_is_idempotent(db):
    _load()
    first = _counts()
    _load()
    assert _counts() == first


def test_load_demo_creates_programs_and_a_user_for_every_role(db):
    _load()
    assert Program.objects.count() >= 2
    assert set(User.objects.values_list("role", flat=True)) >= set(Role.values)
    # every program has a manager, and every demo user can actually sign in
    for program in Program.objects.all():
        assert program.memberships.filter(role="manager").exists(), program
    assert all(user.has_usable_password() for user in User.objects.all())


def test_load_demo_data_passes_model_validation(db):
    _load()
    for model in (Program, Vendor, User):
        for obj in model.objects.all():
            obj.full_clean(exclude=["password"] if model is User else None)


def test_load_demo_refuses_when_demo_is_not_allowed(db, settings):
    settings.BPO_DEMO_ALLOWED = False
    with pytest.raises(CommandError):
        _load()
    assert _counts() == {name: 0 for name in _counts()}
