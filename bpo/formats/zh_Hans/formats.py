"""Simplified Chinese: amounts grouped by thousands with a comma (96,000.00), as in Chinese
financial statements and invoices; Django's default for zh-hans groups nothing. Short dates and
times as YYYY-MM-DD and YYYY-MM-DD HH:MM, as in English (bpo/core/formats.py). Everything else
falls back to Django's zh_Hans formats."""

THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
SHORT_DATE_FORMAT = "Y-m-d"
SHORT_DATETIME_FORMAT = "Y-m-d H:i"
