from django.contrib import admin

from .models import Vendor


@admin.register(Vendor)
class VendorAdmin(admin.ModelAdmin):
    list_display = ("name", "local_name", "country", "tier", "status")
    list_filter = ("tier", "status")
    search_fields = ("name", "local_name")
