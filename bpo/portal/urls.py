from importlib import import_module

from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from . import views

# Each lifecycle stage adds its portal pages in urls_<stage>.py, so stages land independently.
STAGES = ["strategy", "vendors", "contracts", "delivery", "engagement", "performance", "risk"]
STAGE_URLS = [import_module(f"bpo.portal.urls_{stage}") for stage in STAGES]

app_name = "portal"
urlpatterns = [
    path("login/", views.PortalLoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(next_page=reverse_lazy("portal:login")), name="logout"),
    path("invite/<uidb64>/<token>/", views.PortalInviteAcceptView.as_view(), name="invite_accept"),
    path("", views.home, name="home"),
    path("refresh/", views.home_refresh, name="home_refresh"),
    path("users/", views.users, name="users"),
    path("users/<int:pk>/active/", views.user_set_active, name="user_set_active"),
    path("notifications/", views.notification_preferences, name="notification_preferences"),
    path("api-tokens/", views.api_tokens, name="api_tokens"),
]
for module in STAGE_URLS:
    urlpatterns += module.urlpatterns


def portal_nav():
    """The portal menu: each stage's entries, in lifecycle order."""
    from bpo.core.context_processors import menu_href

    return [{"label": label, "href": menu_href(name)} for module in STAGE_URLS for label, name in module.nav_items]
