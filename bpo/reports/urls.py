from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.report_list, name="list"),
    path("new/", views.report_new, name="new"),
    path("<int:pk>/", views.report_detail, name="detail"),
    path("<int:pk>/status/", views.report_status, name="status"),
    path("<int:pk>/download/", views.report_download, name="download"),
    path("schedules/", views.schedule_create, name="schedule_create"),
    path("schedules/<int:pk>/delete/", views.schedule_delete, name="schedule_delete"),
]
