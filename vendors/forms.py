from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Vendor


class VendorForm(forms.ModelForm):
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")

    class Meta:
        model = Vendor
        fields = [
            "name",
            "local_name",
            "registration_number",
            "country",
            "website",
            "capabilities",
            "tier",
            "status",
        ]
        widgets = {"capabilities": forms.Textarea(attrs={"rows": 3})}
