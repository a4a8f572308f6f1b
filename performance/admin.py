from django.contrib import admin

from .models import Credit, Period


@admin.register(Period)
class PeriodAdmin(admin.ModelAdmin):
    list_display = ("contract", "kind", "start", "end", "status", "at_risk_amount")
    list_filter = ("status", "kind")


@admin.register(Credit)
class CreditAdmin(admin.ModelAdmin):
    list_display = ("period", "service_level", "amount", "status")
    list_filter = ("status",)
