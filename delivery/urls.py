from django.urls import path

from . import views

app_name = "delivery"
urlpatterns = [
    path("contracts/<int:pk>/measurements/", views.MeasurementListView.as_view(), name="measurement_list"),
    path("contracts/<int:pk>/measurements/template.csv", views.csv_template, name="csv_template"),
    path("samples/<int:pk>/exclusion/", views.sample_exclusion, name="sample_exclusion"),
]
