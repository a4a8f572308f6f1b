"""FilterSet pieces shared by the list pages and their API endpoints."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from .pickers import RecordChoiceFilter

BIGINT_MAX = 2**63 - 1


class FastSelect(forms.Select):
    """A <select> rendered in Python instead of one template per option.

    The same HTML as Django's Select; a filter offering 2,000 vendors renders in milliseconds
    instead of most of a second (measured by bench/bench_pages.py at large scale).
    """

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        attrs = "".join(
            f" {key}" if value is True else f' {key}="{escape(value)}"'
            for key, value in widget["attrs"].items()
            if value is not False and value is not None
        )
        parts = [f'<select name="{escape(widget["name"])}"{attrs}>']
        for _group, options, _index in widget["optgroups"]:
            for option in options:
                selected = " selected" if option["selected"] else ""
                parts.append(f'<option value="{escape(option["value"])}"{selected}>{escape(option["label"])}</option>')
        parts.append("</select>")
        return mark_safe("".join(parts))


class SearchFilterSet(django_filters.FilterSet):
    """Adds `q`: a case-insensitive search over `search_fields` (works for Chinese text too)."""

    search_fields: tuple[str, ...] = ()
    q = django_filters.CharFilter(label=_("Search"), method="filter_search")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A number filter (usually an id) beyond a 64-bit integer is a 400, not a database
        # overflow (SQLite raises OverflowError, PostgreSQL "out of range").
        for each in self.filters.values():
            if isinstance(each, django_filters.NumberFilter):
                each.extra.setdefault("min_value", -BIGINT_MAX)
                each.extra.setdefault("max_value", BIGINT_MAX)
            elif isinstance(each, django_filters.ModelChoiceFilter) and not isinstance(each, RecordChoiceFilter):
                each.extra.setdefault("widget", FastSelect)  # record lists can be long
            elif isinstance(each, django_filters.ChoiceFilter) and not isinstance(each, django_filters.OrderingFilter):
                each.extra.setdefault("widget", FastSelect)  # one template per option costs every list page

    @property
    def qs(self):
        """The filtered rows; none when a filter's value is invalid (its error shows next to it),
        rather than every row as if that filter were not there. An unknown sort key (a stale
        link) only keeps the default order."""
        if self.is_bound and not self.is_valid() and set(self.form.errors) - {"ordering"}:
            return self.queryset.none()
        return super().qs

    def filter_search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        cond = Q()
        for field in self.search_fields:
            cond |= Q(**{f"{field}__icontains": value})
        return queryset.filter(cond)
