"""FilterSet pieces shared by the list pages and their API endpoints."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

BIGINT_MAX = 2**63 - 1


class SearchFilterSet(django_filters.FilterSet):
    """Adds `q`: a case-insensitive search over `search_fields` (works for Chinese text too)."""

    search_fields: tuple[str, ...] = ()
    q = django_filters.CharFilter(label=_("Search"), method="filter_search")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A number filter (usually an id) beyond a 64-bit integer is a 400, not a database
        # overflow (SQLite raises OverflowError, PostgreSQL "out of range").
        for number_filter in self.filters.values():
            if isinstance(number_filter, django_filters.NumberFilter):
                number_filter.extra.setdefault("min_value", -BIGINT_MAX)
                number_filter.extra.setdefault("max_value", BIGINT_MAX)

    def filter_search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        cond = Q()
        for field in self.search_fields:
            cond |= Q(**{f"{field}__icontains": value})
        return queryset.filter(cond)
