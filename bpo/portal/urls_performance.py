"""Portal pages of the performance stage (mounted by bpo/portal/urls.py). Views live in bpo/portal/views_performance.py."""

from django.urls import path

from . import views_performance as views

# The portal menu entries of this stage: (label, URL name). Shown to vendor users.
nav_items = []
urlpatterns = [
    path("contracts/<int:pk>/service-levels/", views.dashboard, name="performance_dashboard"),
]
