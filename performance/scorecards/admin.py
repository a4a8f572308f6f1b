"""Administrators keep scorecard templates here: criteria inline, weights checked to sum to 100."""

from decimal import Decimal

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .models import ScorecardCriterion, ScorecardTemplate


class CriterionFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        weights = [
            f.cleaned_data.get("weight") or Decimal("0")
            for f in self.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]
        if sum(weights, Decimal("0")) != 100:
            raise ValidationError(
                _("The criteria's weights must sum to 100 (now %(total)s).") % {"total": sum(weights)}
            )


class CriterionInline(admin.TabularInline):
    model = ScorecardCriterion
    formset = CriterionFormSet
    extra = 1


@admin.register(ScorecardTemplate)
class ScorecardTemplateAdmin(admin.ModelAdmin):
    list_display = ("name", "program", "is_active", "band_excellent", "band_good", "band_needs_improvement")
    list_filter = ("is_active",)
    inlines = [CriterionInline]
