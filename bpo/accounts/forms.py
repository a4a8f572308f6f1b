from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from bpo.core.pickers import as_picker

from .choices import VENDOR_ROLES, ProgramRole, Role
from .models import User


class StaffAuthenticationForm(AuthenticationForm):
    """The staff door: vendor users are sent to the portal."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "wrong_door": _("Vendor users sign in at the vendor portal."),
    }

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if user.is_vendor_user:
            raise forms.ValidationError(self.error_messages["wrong_door"], code="wrong_door")


class VendorAuthenticationForm(AuthenticationForm):
    """The portal door: only vendor users come in."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "wrong_door": _("This sign-in is for vendor users. Staff sign in at the staff login."),
    }

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if not user.is_vendor_user:
            raise forms.ValidationError(self.error_messages["wrong_door"], code="wrong_door")


class UserForm(forms.ModelForm):
    """An administrator's form for any user. Leave the password empty to send an invitation."""

    password = forms.CharField(
        label=_("Initial password"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
        help_text=_("Leave empty to e-mail the user an invitation to set their own."),
    )

    class Meta:
        model = User
        fields = ["username", "email", "first_name", "last_name", "role", "vendor", "language", "is_active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["password"]
        from vendors.models import Vendor

        as_picker(self, "vendor", "vendor", Vendor.objects.all())

    def clean(self):
        data = super().clean()
        role, vendor = data.get("role"), data.get("vendor")
        if role in VENDOR_ROLES and not vendor:
            self.add_error("vendor", _("Choose the vendor this user belongs to."))
        if role and role not in VENDOR_ROLES and vendor:
            self.add_error("vendor", _("Staff users do not belong to a vendor."))
        password = data.get("password")
        if password:
            probe = User(username=data.get("username", ""), email=data.get("email", ""))
            try:
                password_validation.validate_password(password, probe)
            except forms.ValidationError as exc:
                self.add_error("password", exc)
        return data


class MembershipForm(forms.Form):
    user = forms.ModelChoiceField(label=_("User"), queryset=User.objects.none())
    role = forms.ChoiceField(label=_("Program role"), choices=ProgramRole.choices)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = User.objects.filter(is_active=True).exclude(role__in=VENDOR_ROLES)


class ProgramMembershipForm(forms.Form):
    """On a user's page: give them a role in a program."""

    program = forms.ModelChoiceField(label=_("Program"), queryset=None)
    role = forms.ChoiceField(label=_("Program role"), choices=ProgramRole.choices)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        from strategy.models import Program

        self.fields["program"].queryset = Program.objects.editable_by(user)


class VendorInviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mail"))
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[
            (Role.VENDOR_CONTRIBUTOR, Role.VENDOR_CONTRIBUTOR.label),
            (Role.VENDOR_ADMIN, Role.VENDOR_ADMIN.label),
        ],
    )
