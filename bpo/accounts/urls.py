from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.StaffLoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("profile/", views.profile, name="profile"),
    path("password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("invite/<uidb64>/<token>/", views.InviteAcceptView.as_view(), name="invite_accept"),
    path("users/", views.UserListView.as_view(), name="user_list"),
    path("users/new/", views.UserFormView.as_view(), name="user_create"),
    path("users/<int:pk>/", views.user_detail, name="user_detail"),
    path("users/<int:pk>/edit/", views.UserFormView.as_view(), name="user_update"),
    path("programs/<int:program_pk>/members/", views.program_members, name="program_members"),
    path("memberships/<int:pk>/delete/", views.membership_delete, name="membership_delete"),
]
