"""Staff sign-in, user and membership management, and each user's profile (language, tokens)."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from bpo.core.access import StaffRequiredMixin, get_visible_or_404
from bpo.core.history import history_for
from bpo.core.lists import Column, FilteredListView
from bpo.core.records import RecordFormView

from . import services
from .filtersets import UserFilterSet
from .forms import MembershipForm, ProgramMembershipForm, StaffAuthenticationForm, UserForm
from .models import ProgramMembership, User


class StaffLoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = StaffAuthenticationForm
    redirect_authenticated_user = True


class AdminOnlyMixin:
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.is_administrator:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class UserListView(AdminOnlyMixin, StaffRequiredMixin, FilteredListView):
    model = User
    filterset_class = UserFilterSet
    title = _("Users")
    export_name = "users"
    create_url_name = "accounts:user_create"
    columns = (
        Column("username", _("Username"), order="username", link=True),
        Column("get_full_name", _("Name"), order="last_name"),
        Column("email", _("E-mail")),
        Column("role", _("Role"), order="role"),
        Column("vendor", _("Vendor")),
        Column("is_active", _("Active")),
    )

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("vendor")

    def can_create(self):
        return True


class UserFormView(AdminOnlyMixin, RecordFormView):
    model = User
    form_class = UserForm

    def can_create(self):
        return self.request.user.is_administrator

    def get_title(self):
        return _("Edit %(name)s") % {"name": self.object} if self.object else _("New user")

    def save(self, form):
        data = {k: v for k, v in form.cleaned_data.items() if k != "password"}
        if self.object is None:
            return services.user_create(by=self.request.user, password=form.cleaned_data.get("password"), **data)
        try:
            user = services.user_update(user=self.object, by=self.request.user, **data)
        except services.OpenRecordsRefusal as exc:
            # Next to the field (role or vendor), each record named a link to it.
            raise ValidationError({exc.field: ValidationError(exc.html, code="open_records")}) from exc
        if getattr(user, "records_left", None):
            messages.warning(self.request, services.records_left_message(user, user.records_left))
        return user


@login_required
def user_detail(request, pk):
    if request.user.is_vendor_user:
        raise PermissionDenied
    user = get_visible_or_404(User, request.user, pk=pk)
    if not request.user.is_administrator:
        raise PermissionDenied
    form = ProgramMembershipForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_set(
                by=request.user,
                program=form.cleaned_data["program"],
                user=user,
                role=form.cleaned_data["role"],
            )
        except ValidationError as exc:
            _refuse(form, exc)
        else:
            messages.success(request, _("Membership saved."))
            return redirect("accounts:user_detail", pk=user.pk)
    return _user_page(request, user, form)


def _refuse(form, exc):
    """A refusal next to the form's field; the member's open records named with a link to each."""
    if isinstance(exc, services.OpenRecordsRefusal):
        form.add_error("role", ValidationError(exc.html, code="open_records"))
    else:
        form.add_error(None, exc)


def _user_page(request, user, form, removal_refusal=None):
    return render(
        request,
        "accounts/user_detail.html",
        {
            "subject": user,
            "memberships": user.memberships.select_related("program"),
            "form": form,
            "history": history_for(user),
            "can_edit": True,
            "removal_refusal": removal_refusal,
            "form_action": reverse("accounts:user_detail", args=[user.pk]),
        },
    )


@login_required
def program_members(request, program_pk):
    """The team of a program: managers and administrators add, change and remove members."""
    from strategy.models import Program

    program = get_visible_or_404(Program, request.user, pk=program_pk)
    if not Program.objects.editable_by(request.user).filter(pk=program.pk).exists():
        raise PermissionDenied
    form = MembershipForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_set(by=request.user, program=program, **form.cleaned_data)
        except ValidationError as exc:
            _refuse(form, exc)
        else:
            messages.success(request, _("Membership saved."))
            return redirect("accounts:program_members", program_pk=program.pk)
    return _team_page(request, program, form)


def _team_page(request, program, form, removal_refusal=None):
    members = program.memberships.select_related("user").order_by("role", "user__username")
    context = {
        "program": program,
        "members": members,
        "form": form,
        "removal_refusal": removal_refusal,
        "form_action": reverse("accounts:program_members", args=[program.pk]),
    }
    return render(request, "accounts/program_members.html", context)


@login_required
@require_POST
def membership_delete(request, pk):
    membership = get_object_or_404(ProgramMembership.objects.visible_to(request.user), pk=pk)
    to_user_page = request.POST.get("next") == "user" and request.user.is_administrator
    try:
        services.membership_remove(by=request.user, membership=membership)
    except services.OpenRecordsRefusal as exc:
        # Shown on the page with a link to each record (a message could not hold the links).
        if to_user_page:
            form = ProgramMembershipForm(user=request.user)
            return _user_page(request, membership.user, form, removal_refusal=exc)
        return _team_page(request, membership.program, MembershipForm(), removal_refusal=exc)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Membership removed."))
    if to_user_page:
        return redirect("accounts:user_detail", pk=membership.user_id)
    return redirect("accounts:program_members", program_pk=membership.program_id)


def token_action(request, page):
    """The token actions of a user's own page (the staff profile, the portal's API token page).

    A POST with action=create_token makes a token for request.user: (None, key), the page then
    shows the key once. action=revoke_token deletes one of their own: (redirect to `page`, None).
    Any other POST: (None, None), for the page's own forms."""
    action = request.POST.get("action")
    if action == "create_token":
        _instance, key = services.token_create(user=request.user)
        messages.success(request, _("Token created. Copy it now: it will not be shown again."))
        return None, key
    if action == "revoke_token":
        if services.token_revoke(user=request.user, token_key=request.POST.get("token_key", "")):
            messages.success(request, _("Token revoked."))
        return redirect(page), None
    return None, None


@login_required
def profile(request):
    """The user's own settings: language, password, notification preferences and API tokens."""
    from bpo.core.notifications import preference_rows_from_post, preference_table
    from bpo.core.services import notification_preferences_set

    from .choices import NotificationDelivery

    if request.user.is_vendor_user:
        raise PermissionDenied
    new_token = None
    if request.method == "POST":
        done, new_token = token_action(request, "accounts:profile")
        if done is not None:
            return done
        if request.POST.get("action") == "notification_preferences":
            notification_preferences_set(user=request.user, rows=preference_rows_from_post(request.POST))
            messages.success(request, _("Your notification preferences are saved."))
            return redirect(reverse("accounts:profile") + "#h-notification-prefs")
    context = {
        "tokens": services.token_list(user=request.user),
        "new_token": new_token,
        "preferences": preference_table(request.user),
        "deliveries": NotificationDelivery.choices,
    }
    return render(request, "accounts/profile.html", context)


class PasswordChangeView(StaffRequiredMixin, auth_views.PasswordChangeView):
    template_name = "core/form.html"
    success_url = reverse_lazy("accounts:profile")
    extra_context = {"title": _("Change password")}

    def form_valid(self, form):
        messages.success(self.request, _("Your password was changed."))
        return super().form_valid(form)


class InviteAcceptView(auth_views.PasswordResetConfirmView):
    """Sets the password of an invited user (staff); the portal has its own look for vendors."""

    template_name = "accounts/invite_accept.html"
    success_url = reverse_lazy("accounts:login")
    post_reset_login = False

    def form_valid(self, form):
        messages.success(self.request, _("Your password is set. Sign in now."))
        return super().form_valid(form)
