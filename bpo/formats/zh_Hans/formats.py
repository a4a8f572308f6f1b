"""Simplified Chinese: amounts grouped by thousands with a comma (96,000.00), as in Chinese
financial statements and invoices; Django's default for zh-hans groups nothing. Everything
else falls back to Django's zh_Hans formats."""

THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
