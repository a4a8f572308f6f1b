"""English: short dates and times as YYYY-MM-DD and YYYY-MM-DD HH:MM, the same in both languages
(bpo/core/formats.py); Django's m/d/Y reads one way in the US and another elsewhere. Everything
else falls back to Django's en formats."""

SHORT_DATE_FORMAT = "Y-m-d"
SHORT_DATETIME_FORMAT = "Y-m-d H:i"
