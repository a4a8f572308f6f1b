"""Django's SQLite backend, reading decimals near a field's limit without failing.

SQLite keeps a decimal as a float of about 15 significant digits, and Django reads it back rounded
to 15 digits, then to the field's decimal places within its `max_digits`. A valid amount just under
the limit (99,999,999,999,999.99 in a 16-digit field) rounds up to 1E+14, which no longer fits,
and the read failed with InvalidOperation: every page listing the record answered 500. Such a
value is read from its float's shortest text instead (99,999,999,999,999.98 here: the float
nearest to it; SQLite cannot hold the last cent of such an amount, PostgreSQL does). Every other
value is read exactly as Django reads it. `make run`'s default; PostgreSQL is unaffected.
"""

import decimal

from django.db.backends.sqlite3 import base, operations
from django.db.models.expressions import Col

_WIDE = decimal.Context(prec=40)


class DatabaseOperations(operations.DatabaseOperations):
    def get_decimalfield_converter(self, expression):
        convert = super().get_decimalfield_converter(expression)
        if not isinstance(expression, Col):
            return convert
        places = decimal.Decimal(1).scaleb(-expression.output_field.decimal_places)

        def converter(value, expression, connection):
            try:
                return convert(value, expression, connection)
            except decimal.InvalidOperation:
                return decimal.Decimal(repr(value)).quantize(places, rounding=decimal.ROUND_DOWN, context=_WIDE)

        return converter


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations
