"""The vendor follows its background measurement imports (delivery.imports): the page of one
import, which polls its progress (htmx) and then shows its outcome (rows imported and new, or
the bad rows, paginated), and the list of a contract's imports. Another vendor's import is a
404, as for one that does not exist."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from delivery.models import MeasurementImport
from delivery.views_imports import STATUS_TEMPLATE, import_status_context

from .views import _vendor_user, portal_login_required
from .views_delivery import _measured_contracts


def _visible_import(user, pk):
    return get_object_or_404(
        MeasurementImport.objects.visible_to(user).select_related("contract__program", "batch", "submitted_by"), pk=pk
    )


def _context(request, record):
    """The import and, once it failed, one page of its bad rows, with the portal's URLs."""
    return import_status_context(
        request,
        record,
        page_url=reverse("portal:measurement_import", args=[record.pk]),
        status_url=reverse("portal:measurement_import_status", args=[record.pk]),
        in_portal=True,
    )


@portal_login_required
def measurement_import(request, pk):
    user = _vendor_user(request)
    record = _visible_import(user, pk)
    return render(request, "portal/delivery/measurement_import.html", _context(request, record))


@portal_login_required
def measurement_import_status(request, pk):
    """The fragment the import's page polls every 2 seconds until the import has ended."""
    user = _vendor_user(request)
    record = _visible_import(user, pk)
    return render(request, STATUS_TEMPLATE, _context(request, record))


@portal_login_required
def measurement_imports(request, pk):
    """A contract's background imports, newest first, with their status."""
    user = _vendor_user(request)
    contract = get_object_or_404(_measured_contracts(user), pk=pk)
    rows = (
        MeasurementImport.objects.visible_to(user)
        .filter(contract=contract)
        .defer("errors")
        .select_related("batch", "submitted_by")
    )
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "portal/delivery/measurement_imports.html",
        {"contract": contract, "page_obj": page, "imports": page.object_list},
    )
