from django.urls import path

from . import views

app_name = "strategy"
urlpatterns = [
    path("programs/", views.ProgramListView.as_view(), name="program_list"),
    path("programs/new/", views.ProgramFormView.as_view(), name="program_create"),
    path("programs/<int:pk>/", views.ProgramDetailView.as_view(), name="program_detail"),
    path("programs/<int:pk>/edit/", views.ProgramFormView.as_view(), name="program_update"),
]
