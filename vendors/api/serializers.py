from rest_framework import serializers

from ..models import Vendor


class VendorSerializer(serializers.ModelSerializer):
    class Meta:
        model = Vendor
        fields = [
            "id",
            "name",
            "local_name",
            "registration_number",
            "country",
            "website",
            "capabilities",
            "tier",
            "status",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]
