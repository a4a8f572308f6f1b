"""Portal pages of the performance stage (mounted by bpo/portal/urls.py). Views live in bpo/portal/views_performance.py."""

from django.urls import path  # noqa: F401

# The portal menu entries of this stage: (label, URL name). Shown to vendor users.
nav_items = []
urlpatterns = []
