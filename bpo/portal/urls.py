from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from . import views

app_name = "portal"
urlpatterns = [
    path("login/", views.PortalLoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(next_page=reverse_lazy("portal:login")), name="logout"),
    path("invite/<uidb64>/<token>/", views.PortalInviteAcceptView.as_view(), name="invite_accept"),
    path("", views.home, name="home"),
    path("users/", views.users, name="users"),
    path("users/<int:pk>/active/", views.user_set_active, name="user_set_active"),
]
