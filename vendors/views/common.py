"""Small helpers the vendors views share (from bpo.core.records, re-exported for the views that import them here)."""

from bpo.core.records import add_service_errors, run_with_message  # noqa: F401
