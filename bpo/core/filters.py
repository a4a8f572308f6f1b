"""FilterSet pieces shared by the list pages and their API endpoints."""

import copy
import re
from datetime import date

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import QueryDict
from django.utils import translation
from django.utils.functional import Promise
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_filters.filters import FilterMethod, QuerySetRequestMixin
from django_filters.rest_framework import DjangoFilterBackend

BIGINT_MAX = 2**63 - 1


# Lazy labels (choices of a model field or a filter) as text, per language: a filter form
# translated each option label of each select on every view of a list. Keyed by the label's id,
# with the label kept so that the id is never reused while cached; bounded.
_LABEL_TEXTS: dict = {}


def _label_text(label) -> str:
    if not isinstance(label, Promise):
        return str(label)
    key = (id(label), translation.get_language())
    hit = _LABEL_TEXTS.get(key)
    if hit is not None and hit[0] is label:
        return hit[1]
    text = str(label)
    if len(_LABEL_TEXTS) < 4096:
        _LABEL_TEXTS[key] = (label, text)
    return text


def _attrs_html(attrs) -> str:
    return "".join(
        f" {escape(key)}" if value is True else f' {escape(key)}="{escape(value)}"'
        for key, value in attrs.items()
        if value is not False and value is not None
    )


class FastSelect(forms.Select):
    """A <select> rendered in Python instead of one template per option.

    The same HTML as Django's Select; a filter offering 2,000 vendors renders in milliseconds
    instead of most of a second (measured by bench/bench_pages.py at large scale).
    """

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [f'<select name="{escape(widget["name"])}"{_attrs_html(widget["attrs"])}>']
        for _group, options, _index in widget["optgroups"]:
            for option in options:
                selected = " selected" if option["selected"] else ""
                label = escape(_label_text(option["label"]))
                parts.append(f'<option value="{escape(option["value"])}"{selected}>{label}</option>')
        parts.append("</select>")
        return mark_safe("".join(parts))


class FastNullBooleanSelect(FastSelect, forms.NullBooleanSelect):
    """Unknown / Yes / No, rendered as FastSelect renders."""


# The values a yes/no filter takes (Django's NullBooleanSelect's); empty or "unknown" is "Any".
_YES_NO = {"true": True, "false": False, "True": True, "False": False, "2": True, "3": False}
_ANY = ("", "unknown")


class YesNoSelect(FastNullBooleanSelect):
    """FastNullBooleanSelect keeping a value it does not know ("maybe"), so that its field can
    refuse it: Django's NullBooleanSelect reads it as "Any" and the filter kept every row."""

    def value_from_datadict(self, data, files, name):
        value = data.get(name)
        if value is None or value in _ANY:
            return None
        return _YES_NO.get(value, value) if isinstance(value, str) else value


class YesNoField(forms.NullBooleanField):
    """A yes/no filter's field: an unknown value is its error (the list shows nothing)."""

    widget = YesNoSelect
    default_error_messages = {"invalid": _("Choose Yes or No, or leave the filter empty.")}

    def to_python(self, value):
        if value is None or isinstance(value, bool):
            return value
        if value in _ANY:
            return None
        if isinstance(value, str) and value in _YES_NO:
            return _YES_NO[value]
        raise ValidationError(self.error_messages["invalid"], code="invalid")

    def validate(self, value):
        pass


# A yes/no filter left empty keeps every row: "Any", not Django's "Unknown".
ANY_YES_NO = [
    ("unknown", pgettext_lazy("a yes/no filter left empty", "Any")),
    ("true", _("Yes")),
    ("false", _("No")),
]


class FastInput:
    """An <input> rendered in Python, as Django's input.html renders it (no template per field)."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        shown = "" if widget["value"] is None else f' value="{escape(widget["value"])}"'
        return mark_safe(
            f'<input type="{escape(widget["type"])}" name="{escape(widget["name"])}"{shown}'
            f"{_attrs_html(widget['attrs'])}>"
        )


class FastTextInput(FastInput, forms.TextInput):
    pass


class FastNumberInput(FastInput, forms.NumberInput):
    pass


class FastDateInput(FastInput, forms.DateInput):
    pass


# The plain widgets a filter form gets, and their Python-rendered twins (same markup).
FAST_WIDGETS = {
    forms.Select: FastSelect,
    forms.NullBooleanSelect: FastNullBooleanSelect,
    forms.TextInput: FastTextInput,
    forms.NumberInput: FastNumberInput,
    forms.DateInput: FastDateInput,
}


def _own_copy(base):
    """A filter of this filter set's own: a copy sharing only what no filter changes (its label,
    choices, lookups), with its own `extra` (a filter sets its request's queryset there) and no
    form field yet (each filter set makes its own)."""
    own = copy.copy(base)
    own.extra = dict(base.extra)
    own.__dict__.pop("_field", None)
    if isinstance(vars(own).get("filter"), FilterMethod):  # `method=`: it calls its filter's parent
        own.filter = FilterMethod(own)
    return own


class _OwnFields(dict):
    """The fields of a filter set's form class, made for that one filter set (its filters made
    them): the form can use them as they are instead of deep-copying them all."""

    def __deepcopy__(self, memo):
        return dict(self)


def is_scoped(queryset) -> bool:
    """Whether a related field or filter on `queryset` should offer only the records the user may
    see: its model says which (`visible_to`). Users are not: who may be named owner or assignee is
    the service's rule, and a user's `visible_to` is whose account they may manage."""
    return hasattr(queryset, "visible_to") and queryset.model is not get_user_model()


def visible_only(queryset, user):
    """`queryset` narrowed to the records `user` may see (see `is_scoped`); nothing for no user."""
    if not is_scoped(queryset):
        return queryset
    if user is None or not user.is_authenticated:
        return queryset.none()
    # A model may let a user name more than they list (a vendor names its contracts' program).
    if hasattr(queryset, "referable_by"):
        return queryset.referable_by(user)
    return queryset.visible_to(user)


class _VisibleChoices:
    """A related filter's queryset as a callable of the request (django-filter's form for it):
    the given records narrowed to what the request's user may see."""

    def __init__(self, queryset):
        self.queryset = queryset

    def __call__(self, request):
        return visible_only(self.queryset, getattr(request, "user", None))


def scope_related_filters(filterset) -> None:
    """Narrows each related filter (`?period=`, `?service_level=`, `?program=`...) given a plain
    queryset, usually the one generated from `Meta.fields` (every row of the model), to the
    records the request's user may see. A hidden record's id is then refused as an unknown one is
    (400, "Select a valid choice"), where it answered 200 with no rows and an unknown id 400,
    which told which hidden records exist. A filter given a callable already chose its records."""
    for each in filterset.filters.values():
        queryset = getattr(each, "queryset", None)
        if isinstance(each, QuerySetRequestMixin) and is_scoped(queryset) and not callable(queryset):
            each.queryset = _VisibleChoices(queryset)


class ScopedFilterSet(django_filters.FilterSet):
    """A FilterSet whose related filters offer and accept only the records the user may see
    (`scope_related_filters`). Every filter set of the app derives from it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        scope_related_filters(self)


class ScopedFilterBackend(DjangoFilterBackend):
    """The API's filter backend: a filter set generated from a viewset's `filterset_fields` is a
    ScopedFilterSet too."""

    filterset_base = ScopedFilterSet


class SearchFilterSet(ScopedFilterSet):
    """Adds `q`: a case-insensitive search over `search_fields` (works for Chinese text too)."""

    search_fields: tuple[str, ...] = ()
    q = django_filters.CharFilter(label=_("Search"), method="filter_search")

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        # django-filter's BaseFilterSet.__init__, with each filter copied by _own_copy instead of
        # a deepcopy of them all (most of the cost of building a list page's filters).
        if queryset is None:
            queryset = self._meta.model._default_manager.all()
        self.is_bound = data is not None
        self.data = data or QueryDict()
        self.queryset = queryset
        self.request = request
        self.form_prefix = prefix
        self.filters = {name: _own_copy(each) for name, each in self.base_filters.items()}
        for each in self.filters.values():
            each.model = queryset.model
            each.parent = self
        # A number filter (usually an id) beyond a 64-bit integer is a 400, not a database
        # overflow (SQLite raises OverflowError, PostgreSQL "out of range").
        for each in self.filters.values():
            if isinstance(each, django_filters.NumberFilter):
                each.extra.setdefault("min_value", -BIGINT_MAX)
                each.extra.setdefault("max_value", BIGINT_MAX)
            # A yes/no filter refuses "maybe" (its error next to it, a 400 through the API)
            # instead of reading it as "Any" and listing every row.
            if isinstance(each, django_filters.BooleanFilter) and each.field_class is forms.NullBooleanField:
                each.field_class = YesNoField
        scope_related_filters(self)

    def get_form_class(self):
        form_class = super().get_form_class()
        form_class.base_fields = _OwnFields(form_class.base_fields)
        return form_class

    @property
    def form(self):
        """The filters' form, its plain widgets rendered in Python (FAST_WIDGETS): a template per
        field and per option cost every list page milliseconds."""
        if not hasattr(self, "_form"):
            for field in super().form.fields.values():
                fast = FAST_WIDGETS.get(type(field.widget))
                if fast is not None:
                    field.widget.__class__ = fast
                if isinstance(field.widget, FastNullBooleanSelect):
                    field.widget.choices = ANY_YES_NO
        return self._form

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


# --- Months ------------------------------------------------------------------------------------
# One way to give a month everywhere: YYYY-MM (what the pages and the browser's month input show)
# or its first day, YYYY-MM-01 (what the API returns for a month, e.g. an invoice's "period").
_MONTH = re.compile(r"(\d{4})-(\d{2})(?:-(\d{2}))?")
MONTH_INVALID = _("Give the month as YYYY-MM, e.g. 2026-11.")
MONTH_NOT_FIRST = _("Give the month as YYYY-MM or its first day ({first}), not another day of it.")


class MonthError(ValueError):
    """Not a month: `code` is "invalid", or "not_first" (a day other than the first; `first` is
    that month's first day, as YYYY-MM-DD)."""

    def __init__(self, code: str, first: str = ""):
        super().__init__(code)
        self.code, self.first = code, first


def parse_month(value) -> date:
    """A month given as YYYY-MM or as its first day, YYYY-MM-01, as that first day.

    The invoice and status report API (delivery.api.serializers_plan.MonthField), every month
    filter and every month field of a form read months through it. Raises MonthError."""
    if isinstance(value, date):
        if value.day != 1:
            raise MonthError("not_first", value.replace(day=1).isoformat())
        return value
    match = _MONTH.fullmatch(value.strip()) if isinstance(value, str) else None
    if match is None:
        raise MonthError("invalid")
    year, month, day = match.groups()
    try:
        parsed = date(int(year), int(month), int(day or 1))
    except ValueError:
        raise MonthError("invalid") from None
    if parsed.year < 1:
        raise MonthError("invalid")
    if parsed.day != 1:
        raise MonthError("not_first", parsed.replace(day=1).isoformat())
    return parsed


class MonthInput(forms.TextInput):
    """The browser's month picker (input type="month"), with 2026-11 as the hint where a browser
    shows a text box instead. A month given as its first day shows as YYYY-MM (a month picker
    shows nothing for 2026-11-01)."""

    input_type = "month"

    def __init__(self, attrs=None):
        super().__init__({"placeholder": "2026-11", "pattern": r"\d{4}-\d{2}(-01)?", **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, date):
            return value.strftime("%Y-%m")
        if isinstance(value, str):
            try:
                return parse_month(value).strftime("%Y-%m")
            except MonthError:
                pass
        return super().format_value(value)


class FastMonthInput(FastInput, MonthInput):
    pass


FAST_WIDGETS[MonthInput] = FastMonthInput


class MonthFormField(forms.CharField):
    """A month as YYYY-MM or its first day (parse_month), cleaned to its first day; anything else
    is refused with the format to use."""

    widget = MonthInput
    default_error_messages = {"invalid": MONTH_INVALID, "not_first": MONTH_NOT_FIRST}

    def to_python(self, value):
        if isinstance(value, date):
            return value
        value = super().to_python(value)
        if not value:
            return None
        try:
            return parse_month(value)
        except MonthError as exc:
            message = self.error_messages[exc.code]
            if exc.code == "not_first":
                message = str(message).format(first=exc.first)
            raise ValidationError(message, code=exc.code) from None


class MonthFilter(django_filters.Filter):
    """A month filter (YYYY-MM or YYYY-MM-01); `lookup_expr="gte"` for "from this month on"."""

    field_class = MonthFormField
