"""accounts migration 0005 makes user names and e-mail addresses unique whatever the case; on a
database that already holds users differing only by case it stops with their names and what to
do, not a bare IntegrityError, and it renames or merges nobody."""

import importlib

import pytest
from django.apps import apps
from django.db import connection

from bpo.accounts.models import User

migration = importlib.import_module("bpo.accounts.migrations.0005_user_unique_ignoring_case")


def _drop_case_constraints():
    # Rolled back with the test's transaction: a database from before 0005 had none.
    with connection.cursor() as cursor:
        cursor.execute('DROP INDEX "user_username_unique_ignoring_case"')
        cursor.execute('DROP INDEX "user_email_unique_ignoring_case"')


@pytest.mark.django_db
def test_duplicates_by_case_are_named_and_nothing_is_changed():
    _drop_case_constraints()
    User.objects.create(username="pm", email="pm@example.com")
    User.objects.create(username="PM", email="other@example.com")
    User.objects.create(username="ana", email="Ana@Example.com")
    User.objects.create(username="bo", email="ana@example.com")
    with pytest.raises(RuntimeError) as raised:
        migration.refuse_duplicates(apps, None)
    message = str(raised.value)
    assert "username PM, pm" in message
    assert "email Ana@Example.com, ana@example.com" in message
    assert "then run migrate again" in message
    assert sorted(User.objects.values_list("username", flat=True)) == ["PM", "ana", "bo", "pm"]


@pytest.mark.django_db
def test_no_duplicates_passes_and_empty_emails_are_not_duplicates():
    _drop_case_constraints()
    User.objects.create(username="pm", email="")
    User.objects.create(username="vendor", email="")
    migration.refuse_duplicates(apps, None)  # raises nothing
    assert User.objects.count() == 2
