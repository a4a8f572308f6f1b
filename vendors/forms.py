from django import forms

from .models import Vendor


class VendorForm(forms.ModelForm):
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
