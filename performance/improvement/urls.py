"""Staff URLs of continuous improvement, added to performance/urls.py (names performance:initiative_*, lesson_*)."""

from django.urls import path

from . import views

urlpatterns = [
    path("improvement/initiatives/", views.InitiativeListView.as_view(), name="initiative_list"),
    path("improvement/initiatives/new/", views.InitiativeFormView.as_view(), name="initiative_create"),
    path("improvement/initiatives/<int:pk>/", views.InitiativeDetailView.as_view(), name="initiative_detail"),
    path("improvement/initiatives/<int:pk>/edit/", views.InitiativeFormView.as_view(), name="initiative_update"),
    path("improvement/initiatives/<int:pk>/<slug:step>/", views.initiative_step, name="initiative_step"),
    path("improvement/lessons/", views.LessonListView.as_view(), name="lesson_list"),
    path("improvement/lessons/new/", views.LessonFormView.as_view(), name="lesson_create"),
    path("improvement/lessons/<int:pk>/", views.LessonDetailView.as_view(), name="lesson_detail"),
    path("improvement/lessons/<int:pk>/edit/", views.LessonFormView.as_view(), name="lesson_update"),
]
