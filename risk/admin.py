from django.contrib import admin

from . import models


@admin.register(models.Risk)
class RiskAdmin(admin.ModelAdmin):
    list_display = ("__str__", "program", "category", "inherent_score", "residual_score", "status")
    list_filter = ("category", "status", "residual_level")
    search_fields = ("title", "event")
    readonly_fields = ("inherent_score", "inherent_level", "residual_score", "residual_level", "assessed_at")


@admin.register(models.ContingencyPlan)
class ContingencyPlanAdmin(admin.ModelAdmin):
    list_display = ("title", "program", "risk")
    search_fields = ("title",)


@admin.register(models.Drill)
class DrillAdmin(admin.ModelAdmin):
    list_display = ("title", "plan", "scheduled_for", "status")
    list_filter = ("status",)


@admin.register(models.Incident)
class IncidentAdmin(admin.ModelAdmin):
    list_display = ("__str__", "program", "severity", "status", "occurred_at")
    list_filter = ("severity", "status")


@admin.register(models.CorrectiveAction)
class CorrectiveActionAdmin(admin.ModelAdmin):
    list_display = ("__str__", "program", "source", "owner", "due_date", "status")
    list_filter = ("source", "status")
