"""An amount just under its field's limit is read back on every database. On SQLite (make run's
default) Django read 99,999,999,999,999.99 as 1E+14, which no longer fits the 16-digit field, and
every page showing the record answered 500 (bpo/core/sqlite3/base.py)."""

from decimal import Decimal

import pytest
from django.db import connection

from strategy.models import Program

LARGEST = Decimal("99999999999999.99")


@pytest.mark.django_db
def test_the_largest_amount_is_read_back(cast):
    Program.objects.filter(pk=cast.program_a.pk).update(baseline_cost=LARGEST)
    value = Program.objects.values_list("baseline_cost", flat=True).get(pk=cast.program_a.pk)
    if connection.vendor == "sqlite":
        # SQLite holds a float: the nearest one, never rounded up past the limit.
        assert value == Decimal("99999999999999.98")
    else:
        assert value == LARGEST


@pytest.mark.django_db
def test_pages_showing_it_answer(client, cast):
    Program.objects.filter(pk=cast.program_a.pk).update(baseline_cost=LARGEST)
    client.force_login(cast.manager)
    for url in (
        f"/strategy/programs/{cast.program_a.pk}/",
        "/strategy/programs/",
        f"/api/v1/programs/{cast.program_a.pk}/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
    assert "99,999,999,999,999.9" in client.get(f"/strategy/programs/{cast.program_a.pk}/").content.decode()


@pytest.mark.django_db
def test_ordinary_amounts_read_exactly(cast):
    for amount in (Decimal("0.01"), Decimal("1234567.89"), Decimal("9999999999999.99")):
        Program.objects.filter(pk=cast.program_a.pk).update(baseline_cost=amount)
        assert Program.objects.values_list("baseline_cost", flat=True).get(pk=cast.program_a.pk) == amount
