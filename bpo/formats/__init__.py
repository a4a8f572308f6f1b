"""Number and date formats that differ from Django's defaults for our languages (FORMAT_MODULE_PATH)."""
