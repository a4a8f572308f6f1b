"""Staff open a contract's background measurement imports (delivery.imports): the page of one
import, with its facts and its status, and the status fragment that page polls (htmx) until the
import has ended, then the outcome: the rows received and the new samples, or the bad rows with
their lines, paginated. The portal's pages of an import share the context and the fragment.

An import is seen as its contract (ImportQuerySet.visible_to): staff of another program get 404."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from .models import MeasurementImport

ERRORS_PER_PAGE = 100
STATUS_TEMPLATE = "delivery/_measurement_import_status.html"


def import_status_context(request, record, *, page_url: str, status_url: str, **extra) -> dict:
    """What the status fragment shows, for the staff pages and the portal's alike: the import, the
    URL the fragment polls while the import runs (status_url), the URL its bad rows paginate on
    (page_url) and, once the import failed, one page of its bad rows."""
    context = {"imp": record, "page_url": page_url, "status_url": status_url, **extra}
    if record.errors:
        context["errors_page"] = Paginator(record.errors, ERRORS_PER_PAGE).get_page(request.GET.get("page"))
    return context


def _staff_import(request, pk) -> MeasurementImport:
    if request.user.is_vendor_user:
        raise PermissionDenied
    return get_object_or_404(
        MeasurementImport.objects.visible_to(request.user).select_related("contract__program", "batch", "submitted_by"),
        pk=pk,
    )


def _context(request, record):
    return import_status_context(
        request,
        record,
        page_url=reverse("delivery:measurement_import", args=[record.pk]),
        status_url=reverse("delivery:measurement_import_status", args=[record.pk]),
    )


@login_required
def measurement_import(request, pk):
    record = _staff_import(request, pk)
    return render(request, "delivery/measurement_import.html", _context(request, record))


@login_required
def measurement_import_status(request, pk):
    """The fragment the import's page polls every 2 seconds until the import has ended."""
    record = _staff_import(request, pk)
    return render(request, STATUS_TEMPLATE, _context(request, record))
