from django import forms

from .models import Program


class ProgramForm(forms.ModelForm):
    class Meta:
        model = Program
        fields = [
            "code",
            "name",
            "description",
            "business_unit",
            "sponsor",
            "phase",
            "start_date",
            "end_date",
            "currency",
            "time_zone",
            "baseline_cost",
            "target_savings_pct",
        ]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def clean_time_zone(self):
        import zoneinfo

        from django.utils.translation import gettext as _

        value = self.cleaned_data["time_zone"]
        if value not in zoneinfo.available_timezones():
            raise forms.ValidationError(_("Unknown time zone; use a name such as Asia/Shanghai or UTC."))
        return value
