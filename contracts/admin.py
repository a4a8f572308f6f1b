from django.contrib import admin

from .models import ChangeRequest, Contract, ContractReview, Dispute, Obligation, ServiceLevel


class ServiceLevelInline(admin.TabularInline):
    model = ServiceLevel
    extra = 0


@admin.register(Contract)
class ContractAdmin(admin.ModelAdmin):
    list_display = ("number", "title", "program", "vendor", "status", "start_date", "end_date")
    list_filter = ("status", "contract_type")
    search_fields = ("number", "title")
    inlines = [ServiceLevelInline]


admin.site.register([ContractReview, Obligation, ChangeRequest, Dispute])
