import django_filters
from django.utils.translation import gettext_lazy as _

from bpo.core.filters import SearchFilterSet

from .choices import Role
from .models import User


class UserFilterSet(SearchFilterSet):
    search_fields = ("username", "email", "first_name", "last_name")
    role = django_filters.ChoiceFilter(label=_("Role"), choices=Role.choices)
    is_active = django_filters.BooleanFilter(label=_("Active"))
    ordering = django_filters.OrderingFilter(
        label=_("Sort by"), fields=(("username", "username"), ("last_name", "last_name"), ("role", "role"))
    )

    class Meta:
        model = User
        fields = ["q", "role", "is_active"]
