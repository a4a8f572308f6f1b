"""Small helpers the vendors views share."""

from django.contrib import messages
from django.core.exceptions import ValidationError

from bpo.core.records import add_service_errors  # noqa: F401 (re-exported for the views that import it here)


def run_with_message(request, service, done, **kwargs) -> bool:
    """Runs a service for a POST-only action; its refusal becomes an error message."""
    try:
        service(**kwargs)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return False
    messages.success(request, done)
    return True
