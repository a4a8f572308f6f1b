"""Portal pages of the delivery stage (mounted by bpo/portal/urls.py). Views live in bpo/portal/views_delivery.py."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views_delivery as views
from . import views_delivery_imports as import_views
from . import views_delivery_plan as plan_views

# The portal menu entries of this stage: (label, URL name). Shown to vendor users.
nav_items = [
    (_("Measurements"), "portal:measurements"),
    (_("Invoices"), "portal:invoices"),
    (_("Plan tasks"), "portal:tasks"),
    (_("Status reports"), "portal:status_reports"),
]
urlpatterns = [
    path("measurements/", views.measurements, name="measurements"),
    path("measurements/<int:pk>/", views.measurement_contract, name="measurement_contract"),
    path("measurements/<int:pk>/template.csv", views.measurement_template, name="measurement_template"),
    path("measurements/<int:pk>/imports/", import_views.measurement_imports, name="measurement_imports"),
    path("measurements/imports/<int:pk>/", import_views.measurement_import, name="measurement_import"),
    path(
        "measurements/imports/<int:pk>/status/",
        import_views.measurement_import_status,
        name="measurement_import_status",
    ),
    path("invoices/", views.invoices, name="invoices"),
    path("invoices/new/<int:pk>/", views.invoice_create, name="invoice_create"),
    path("invoices/<int:pk>/", views.invoice_detail, name="invoice_detail"),
    path("tasks/", plan_views.tasks, name="tasks"),
    path("tasks/<int:pk>/", plan_views.task_update, name="task_update"),
    path("status-reports/", plan_views.status_reports, name="status_reports"),
    path("status-reports/<int:pk>/", plan_views.status_report_detail, name="status_report_detail"),
]
