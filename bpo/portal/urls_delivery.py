"""Portal pages of the delivery stage (mounted by bpo/portal/urls.py). Views live in bpo/portal/views_delivery.py."""

from django.urls import path  # noqa: F401

# The portal menu entries of this stage: (label, URL name). Shown to vendor users.
nav_items = []
urlpatterns = []
