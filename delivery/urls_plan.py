"""Pages of the plan, the transition checklist and the status reports (mounted by delivery/urls.py)."""

from django.urls import path, re_path

from . import views_plan, views_status

urlpatterns = [
    path("programs/<int:pk>/plan/", views_plan.plan, name="plan"),
    path("programs/<int:pk>/work-packages/", views_plan.work_package_create, name="work_package_create"),
    path("work-packages/<int:pk>/edit/", views_plan.WorkPackageFormView.as_view(), name="work_package_update"),
    path("work-packages/<int:pk>/delete/", views_plan.work_package_delete, name="work_package_delete"),
    path("programs/<int:pk>/tasks/new/", views_plan.task_create, name="task_create"),
    path("tasks/", views_plan.TaskListView.as_view(), name="task_list"),
    path("tasks/<int:pk>/", views_plan.task_detail, name="task_detail"),
    path("tasks/<int:pk>/edit/", views_plan.task_update, name="task_update"),
    path("programs/<int:pk>/transition/", views_status.transition, name="transition"),
    re_path(
        r"^transition-items/(?P<pk>\d+)/(?P<action>complete|reopen)/$",
        views_status.transition_item_action,
        name="transition_item_action",
    ),
    path(
        "transition-items/<int:pk>/edit/", views_status.TransitionItemFormView.as_view(), name="transition_item_update"
    ),
    path("transition-items/<int:pk>/delete/", views_status.transition_item_delete, name="transition_item_delete"),
    path("status-reports/", views_status.StatusReportListView.as_view(), name="status_report_list"),
    path("programs/<int:pk>/status-reports/new/", views_status.status_report_create, name="status_report_create"),
    path("status-reports/<int:pk>/", views_status.status_report_detail, name="status_report_detail"),
]
