from django.contrib import admin

from .models import BudgetLine, CharterRevision, Objective, PhaseGate, Program


@admin.register(Program)
class ProgramAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "phase", "status", "revision", "business_unit")
    list_filter = ("phase", "status")
    search_fields = ("code", "name")


@admin.register(Objective)
class ObjectiveAdmin(admin.ModelAdmin):
    list_display = ("statement", "program", "kpi", "target", "target_date")


@admin.register(BudgetLine)
class BudgetLineAdmin(admin.ModelAdmin):
    list_display = ("program", "category", "period", "planned_amount", "approved_at")


@admin.register(CharterRevision)
class CharterRevisionAdmin(admin.ModelAdmin):
    list_display = ("program", "number", "approved_by", "approved_at")

    def has_change_permission(self, request, obj=None):
        return False  # an approved revision is kept as it was


@admin.register(PhaseGate)
class PhaseGateAdmin(admin.ModelAdmin):
    list_display = ("program", "phase", "passed_by", "passed_at")
