"""Portal pages of the vendors stage (mounted by bpo/portal/urls.py). Views live in bpo/portal/views_vendors.py."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views_vendors as views

# The portal menu entries of this stage: (label, URL name). Shown to vendor users.
nav_items = [(_("Invitations"), "portal:sourcing_list"), (_("Profile changes"), "portal:profile_change")]
urlpatterns = [
    path("sourcing/", views.sourcing_list, name="sourcing_list"),
    path("sourcing/<int:pk>/", views.sourcing_detail, name="sourcing_detail"),
    path("sourcing/<int:pk>/ask/", views.sourcing_ask, name="sourcing_ask"),
    path("sourcing/<int:pk>/proposal/", views.proposal_edit, name="proposal_edit"),
    path("sourcing/documents/<int:pk>/", views.sourcing_document, name="sourcing_document"),
    path("sourcing/attachments/<int:pk>/", views.proposal_attachment, name="proposal_attachment"),
    path(
        "sourcing/attachments/<int:pk>/remove/",
        views.proposal_attachment_delete,
        name="proposal_attachment_delete",
    ),
    path("profile/changes/", views.profile_change, name="profile_change"),
]
