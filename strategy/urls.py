from django.urls import path

from . import views

app_name = "strategy"
urlpatterns = [
    path("programs/", views.ProgramListView.as_view(), name="program_list"),
    path("programs/new/", views.ProgramFormView.as_view(), name="program_create"),
    path("programs/<int:pk>/", views.ProgramDetailView.as_view(), name="program_detail"),
    path("programs/<int:pk>/edit/", views.ProgramFormView.as_view(), name="program_update"),
    path("programs/<int:pk>/charter/<slug:action>/", views.ProgramActionView.as_view(), name="program_action"),
    path("programs/<int:pk>/return/", views.ProgramReturnView.as_view(), name="program_return"),
    path("programs/<int:pk>/gate/", views.GatePassView.as_view(), name="gate_pass"),
    path("programs/<int:pk>/revisions/", views.CharterCompareView.as_view(), name="charter_compare"),
    path("programs/<int:program_pk>/<slug:kind>/new/", views.CharterItemFormView.as_view(), name="charter_item_create"),
    path("charter/<slug:kind>/<int:pk>/edit/", views.CharterItemFormView.as_view(), name="charter_item_update"),
    path("charter/<slug:kind>/<int:pk>/delete/", views.CharterItemDeleteView.as_view(), name="charter_item_delete"),
]
