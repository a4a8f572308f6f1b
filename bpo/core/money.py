"""Sums of money in queries, and the largest amount one money field holds.

Every amount is a DecimalField of 16 digits, 2 after the point (99,999,999,999,999.99 at most),
and each is validated on its own. A sum of several (a month's charges, a budget's actuals, a
report's totals, spend per vendor) may pass that limit, so a sum is never read as a 16-digit
field: `money_sum` declares its result 30 digits wide (`MONEY_TOTAL`), so it is read and shown
whole on SQLite and PostgreSQL whatever the number of amounts, and a cast or coalesce around it
(`output_field=MONEY_TOTAL`) does not narrow it again. A sum that is *saved* into a 16-digit field
is checked against `MONEY_MAX` first (`too_large`), and the operation refused with a sentence
naming the total, not left to fail in the database.

The same SQL, only the type Django reads the result as: no query is added."""

from decimal import Decimal

from django.db.models import DecimalField, Sum

MONEY_DIGITS, MONEY_PLACES = 16, 2
# The largest amount one money field can hold: 99,999,999,999,999.99.
MONEY_MAX = Decimal(10 ** (MONEY_DIGITS - MONEY_PLACES)) - Decimal("0.01")
# A sum of amounts: up to 10^28, room for any number of rows of at most MONEY_MAX.
MONEY_TOTAL = DecimalField(max_digits=30, decimal_places=MONEY_PLACES)


def money_sum(expression, **extra) -> Sum:
    """Sum(expression) of a money field, read as a 30-digit number (`filter=` and the like pass through)."""
    return Sum(expression, output_field=MONEY_TOTAL, **extra)


def too_large(amount: Decimal | None) -> bool:
    """Whether an amount (e.g. a sum to be saved) is beyond what one money field holds."""
    return amount is not None and abs(amount) > MONEY_MAX
