"""Portal pages of engagement (action items, training, support), mounted by bpo/portal/urls.py.
Views live in bpo/portal/views_engagement.py."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views_engagement as views

# The portal menu entries: (label, URL name). Shown to vendor users.
nav_items = [
    (_("Action items"), "portal:action_items"),
    (_("Training"), "portal:training"),
    (_("Support"), "portal:support"),
]
urlpatterns = [
    path("action-items/", views.action_items, name="action_items"),
    path("action-items/<int:pk>/", views.action_item_detail, name="action_item_detail"),
    path("training/", views.training_sessions, name="training"),
    path("training/<int:pk>/", views.training_session, name="training_session"),
    path("support/", views.support_requests, name="support"),
    path("support/new/", views.support_create, name="support_create"),
    path("support/<int:pk>/", views.support_detail, name="support_detail"),
    path("support/<int:pk>/cancel/", views.support_cancel, name="support_cancel"),
]
