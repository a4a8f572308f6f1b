"""One account per person: a username or an e-mail address is taken whatever its case, on the
administrator's user form (said next to the field), in the services and in the database; the
vendor portal's invitation keeps its neutral answer for an address that exists elsewhere."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from bpo.accounts import services
from bpo.accounts.choices import Role
from bpo.accounts.models import User

from .test_user_admin_pages import NEW_PASSWORD, _user_form


@pytest.fixture
def pm(cast):
    cast.manager.email = "pm@demo.bpo.local"
    cast.manager.save(update_fields=["email"])
    return cast.manager


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"username": "qa2", "email": "pm@demo.bpo.local"}, "email", "A user with this e-mail address already exists."),
        ({"username": "qa3", "email": "PM@DEMO.BPO.LOCAL"}, "email", "A user with this e-mail address already exists."),
        ({"username": "MANAGER", "email": "new@example.com"}, "username", "A user with that username already exists."),
        ({"username": "manager", "email": "new@example.com"}, "username", "A user with that username already exists."),
    ],
)
def test_the_user_form_refuses_a_taken_username_or_address_in_any_case(cast, client, pm, overrides, field, message):
    client.force_login(cast.admin)
    before = User.objects.count()
    for password in ("", NEW_PASSWORD):
        response = client.post("/accounts/users/new/", _user_form(password=password, **overrides))
        assert response.status_code == 200
        assert response.context["form"].errors == {field: [message]}
    assert User.objects.count() == before


def test_the_user_form_in_chinese_says_it_in_chinese(cast, client, pm):
    cast.admin.language = "zh-hans"
    cast.admin.save()
    client.force_login(cast.admin)
    response = client.post("/accounts/users/new/", _user_form(username="Manager", email="Pm@Demo.Bpo.Local"))
    errors = response.context["form"].errors
    assert errors == {"username": ["已存在一位使用该名字的用户。"], "email": ["已有用户使用此电子邮件地址。"]}


def test_editing_a_user_cannot_take_another_users_address(cast, client, pm):
    with pytest.raises(ValidationError) as exc:
        services.user_update(user=cast.viewer, by=cast.admin, email="PM@demo.bpo.local")
    assert exc.value.message_dict == {"email": ["A user with this e-mail address already exists."]}
    # keeping one's own address (in another case) is fine
    services.user_update(user=pm, by=cast.admin, email="PM@demo.bpo.local", first_name="Pat")


def test_users_without_an_address_are_many(cast):
    for name in ("noaddress-1", "noaddress-2"):
        services.user_create(by=cast.admin, username=name, email="", role=Role.MEMBER)
    assert User.objects.filter(email="").count() >= 2


def test_the_database_refuses_a_duplicate_in_another_case(cast, pm):
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(username="Manager")
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(username="qa3", email="PM@DEMO.BPO.LOCAL")


def test_the_portal_invitation_keeps_its_neutral_answer_for_an_address_in_capitals(
    cast, pm, django_capture_on_commit_callbacks
):
    before = User.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        answer = services.vendor_user_invite(
            by=cast.vendor_x_admin,
            email="PM@DEMO.BPO.LOCAL",
            first_name="P",
            last_name="M",
            role=Role.VENDOR_CONTRIBUTOR,
        )
    assert answer is None and User.objects.count() == before
