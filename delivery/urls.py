from django.urls import path, re_path

from . import urls_engagement, urls_plan, views, views_cost, views_imports

app_name = "delivery"
urlpatterns = [
    path("contracts/<int:pk>/measurements/", views.MeasurementListView.as_view(), name="measurement_list"),
    path("contracts/<int:pk>/measurements/template.csv", views.csv_template, name="csv_template"),
    path("contracts/measurement-imports/<int:pk>/", views_imports.measurement_import, name="measurement_import"),
    path(
        "contracts/measurement-imports/<int:pk>/status/",
        views_imports.measurement_import_status,
        name="measurement_import_status",
    ),
    path("samples/<int:pk>/exclusion/", views.sample_exclusion, name="sample_exclusion"),
    path("invoices/", views_cost.InvoiceListView.as_view(), name="invoice_list"),
    path("invoices/<int:pk>/", views_cost.invoice_detail, name="invoice_detail"),
    re_path(
        r"^invoices/(?P<pk>\d+)/(?P<action>validate|approve|dispute)/$",
        views_cost.invoice_action,
        name="invoice_action",
    ),
    path("programs/<int:pk>/budget/", views_cost.program_budget, name="program_budget"),
]
# Meetings, action items, communications, training and support (helper "engagement").
urlpatterns += urls_engagement.urlpatterns
# The implementation plan, the transition checklist and the status reports (helper "plan").
urlpatterns += urls_plan.urlpatterns
