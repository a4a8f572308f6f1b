"""The API of a user's own notification preferences."""

from rest_framework import serializers

from ..choices import NotificationCategory, NotificationDelivery


class NotificationPreferenceSerializer(serializers.Serializer):
    """One kind of event and how the user hears about it (defaults when never chosen)."""

    event_category = serializers.ChoiceField(choices=NotificationCategory.choices, source="category", read_only=True)
    label = serializers.CharField(read_only=True)
    in_app = serializers.BooleanField(help_text="Shown under the bell in the staff UI.")
    email = serializers.BooleanField(help_text="Sent by e-mail.")
    email_delivery = serializers.ChoiceField(
        choices=NotificationDelivery.choices, source="delivery", help_text="At once, or in one daily digest."
    )
