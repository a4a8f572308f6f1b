"""The vendor door: its own login, home and user management, calling the apps' services."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse_lazy
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from bpo.accounts import services
from bpo.accounts.choices import Role
from bpo.accounts.forms import VendorAuthenticationForm, VendorInviteForm
from bpo.accounts.models import User
from bpo.core.context_processors import home_panels
from bpo.core.dashboard import portal_dashboard
from bpo.core.home_cache import cached_figures, forget_home_figures
from vendors.models import Vendor

from .exports import portal_export

portal_login_required = login_required(login_url="portal:login")

USER_COLUMNS = [
    (_("Name"), str),
    (_("E-mail"), "email"),
    (_("Role"), "role"),
    (
        _("Status"),
        lambda u: (_("Active") if u.has_usable_password() else _("Invited")) if u.is_active else _("Deactivated"),
    ),
]


class PortalLoginView(auth_views.LoginView):
    template_name = "portal/login.html"
    authentication_form = VendorAuthenticationForm
    next_page = reverse_lazy("portal:home")

    def get_default_redirect_url(self):
        return str(reverse_lazy("portal:home"))


def _vendor_user(request):
    if not request.user.is_vendor_user:
        raise PermissionDenied
    return request.user


def _portal_figures(request, user) -> dict:
    """The computed part of the portal home (the tiles and the stages' panels), kept like the staff
    home's (home_cache.cached_figures, the same per-user key: whatever drops a user's home figures
    drops these). Only this user's own vendor's records are in it."""

    def build():
        context = {"panels": home_panels(user, "portal"), "tiles": portal_dashboard(user), "user": user}
        return {
            "top": mark_safe(render_to_string("portal/_home_tiles.html", context)),  # noqa: S308 (our templates)
            "bottom": mark_safe(render_to_string("portal/_home_panels.html", context)),  # noqa: S308
        }

    return cached_figures(request, build)


@portal_login_required
def home(request):
    user = _vendor_user(request)
    vendor = get_object_or_404(Vendor.objects.visible_to(user), pk=user.vendor_id)
    return render(request, "portal/home.html", {"vendor": vendor, "figures": _portal_figures(request, user)})


@portal_login_required
@require_POST
def home_refresh(request):
    """The portal home's Refresh button: drops this user's cached figures, then shows the page."""
    forget_home_figures(_vendor_user(request).pk)
    return redirect("portal:home")


@portal_login_required
def users(request):
    """A vendor admin's list of their own vendor's portal users, with invite and deactivate."""
    user = _vendor_user(request)
    if user.role != Role.VENDOR_ADMIN:
        raise PermissionDenied
    form = VendorInviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.vendor_user_invite(by=user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc) if not hasattr(exc, "error_dict") else [
                form.add_error(f if f in form.fields else None, e) for f, e in exc.error_dict.items()
            ]
        else:
            # The same answer whether or not the address already has an account elsewhere (staff,
            # another vendor): the page must not tell which addresses exist.
            messages.success(
                request,
                _("If %(email)s can be invited, an invitation was sent to it.")
                % {"email": form.cleaned_data["email"].lower()},
            )
            return redirect("portal:users")
    colleagues = User.objects.visible_to(user).order_by("username")
    if request.method == "GET" and (
        export := portal_export(request, "portal-users", colleagues, USER_COLUMNS, sheet=_("Our portal users"))
    ):
        return export
    return render(request, "portal/users.html", {"colleagues": colleagues, "form": form})


@portal_login_required
@require_POST
def user_set_active(request, pk):
    user = _vendor_user(request)
    if user.role != Role.VENDOR_ADMIN:
        raise PermissionDenied
    colleague = get_object_or_404(User.objects.visible_to(user), pk=pk)
    active = request.POST.get("active") == "1"
    try:
        services.vendor_user_set_active(by=user, user=colleague, active=active)
        if getattr(colleague, "records_left", None):
            messages.warning(request, services.records_left_message(colleague, colleague.records_left))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("%(name)s is active again.") % {"name": colleague}
            if active
            else _("%(name)s can no longer sign in.") % {"name": colleague},
        )
    return redirect("portal:users")


@portal_login_required
def notification_preferences(request):
    """A vendor user's own choice, per kind of event: e-mail or not, immediately or in a daily digest."""
    from bpo.accounts.choices import NotificationDelivery
    from bpo.core.notifications import preference_rows_from_post, preference_table
    from bpo.core.services import notification_preferences_set

    user = _vendor_user(request)
    if request.method == "POST":
        notification_preferences_set(user=user, rows=preference_rows_from_post(request.POST, in_app_shown=False))
        messages.success(request, _("Your notification preferences are saved."))
        return redirect("portal:notification_preferences")
    context = {"preferences": preference_table(user), "deliveries": NotificationDelivery.choices}
    return render(request, "portal/notification_preferences.html", context)


@portal_login_required
def api_tokens(request):
    """A vendor user's own API tokens (admins and contributors alike): create one, shown once,
    and revoke. A token acts as its user, so the API shows it only what it scopes to their vendor."""
    from bpo.accounts.views import token_action

    user = _vendor_user(request)
    new_token = None
    if request.method == "POST":
        done, new_token = token_action(request, "portal:api_tokens")
        if done is not None:
            return done
    context = {"tokens": services.token_list(user=user), "new_token": new_token}
    return render(request, "portal/api_tokens.html", context)


class PortalInviteAcceptView(auth_views.PasswordResetConfirmView):
    template_name = "portal/invite_accept.html"
    success_url = reverse_lazy("portal:login")
    post_reset_login = False

    def form_valid(self, form):
        messages.success(self.request, _("Your password is set. Sign in now."))
        return super().form_valid(form)
