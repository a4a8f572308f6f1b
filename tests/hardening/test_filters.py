"""Shared filter pieces: long record choices render fast and identically; oversized numbers are a 400."""

import re
from datetime import date

import pytest
from django import forms
from django.test import RequestFactory
from django.utils import translation
from django.utils.translation import gettext_lazy

from bpo.core.filters import (
    FastDateInput,
    FastNullBooleanSelect,
    FastNumberInput,
    FastSelect,
    FastTextInput,
    SearchFilterSet,
    YesNoSelect,
)


def _norm(html):
    return re.sub(r">\s+<", "><", html.strip())


def test_fast_select_renders_exactly_like_django(cast):
    from vendors.models import Vendor

    field = forms.ModelChoiceField(queryset=Vendor.objects.order_by("pk"), required=False)
    plain, fast = forms.Select(), FastSelect()
    plain.choices = fast.choices = field.choices
    for value in (None, "", cast.vendor_y.pk):
        attrs = {"id": "id_vendor", "class": "a&b"}
        assert _norm(fast.render("vendor", value, attrs)) == _norm(plain.render("vendor", value, attrs))
    escaped = FastSelect(choices=[("<x>", "<script>")]).render("f", None)
    assert "<script>" not in escaped and "&lt;script&gt;" in escaped


def test_number_filters_refuse_values_beyond_64_bits(cast, client):
    client.force_login(cast.admin)
    response = client.get("/api/v1/invoices/", {"contract": str(2**70)})
    assert response.status_code == 400
    assert response.json()["errors"][0]["attr"] == "contract"


@pytest.mark.parametrize(
    ("plain", "fast"),
    [
        (forms.TextInput, FastTextInput),
        (forms.NumberInput, FastNumberInput),
        (forms.DateInput, FastDateInput),
        (forms.NullBooleanSelect, FastNullBooleanSelect),
    ],
)
@pytest.mark.parametrize("value", [None, "", "a&<b>\"c'", 42, date(2026, 11, 27), True, False])
def test_fast_widgets_render_exactly_like_djangos(plain, fast, value):
    attrs = {"id": "id_f", "class": "x&y", "placeholder": '"q"', "required": True, "disabled": False}
    assert _norm(fast().render("f", value, attrs)) == _norm(plain().render("f", value, attrs))


def test_choice_labels_follow_the_language():
    widget = FastSelect(choices=[("open", gettext_lazy("Open")), ("closed", gettext_lazy("Closed"))])
    with translation.override("en"):
        assert '<option value="open" selected>Open</option>' in widget.render("status", "open")
    with translation.override("zh-hans"):
        chinese = translation.gettext("Open")
        assert chinese != "Open"
        assert f'<option value="open" selected>{chinese}</option>' in widget.render("status", "open")
    with translation.override("en"):  # and back: the texts are kept per language
        assert '<option value="open" selected>Open</option>' in widget.render("status", "open")


def test_each_filter_set_has_filters_fields_and_widgets_of_its_own(cast):
    from risk.filtersets import RiskFilterSet

    request = RequestFactory().get("/")
    request.user = cast.manager
    bound = RiskFilterSet({"q": "flood", "status": "open", "assessed": "true"}, request=request)
    plain = RiskFilterSet(None, request=request)
    assert bound.is_valid() and bound.form.cleaned_data["q"] == "flood"
    for name in bound.filters:
        assert bound.filters[name] is not plain.filters[name] is not RiskFilterSet.base_filters[name]
        assert bound.form.fields[name] is not plain.form.fields[name]
        assert bound.form.fields[name].widget is not plain.form.fields[name].widget
        # The class's filter may hold a field of its own (the API schema reads it): never shared.
        assert bound.filters[name].field is not vars(RiskFilterSet.base_filters[name]).get("_field")
        assert bound.filters[name].extra is not RiskFilterSet.base_filters[name].extra
    # The request's queryset is set on each filter set's own filter, never on the class's.
    assert callable(RiskFilterSet.base_filters["program"].extra["queryset"])
    assert not callable(bound.filters["program"].extra["queryset"])
    assert 'value="flood"' in str(bound.form["q"]) and 'value="flood"' not in str(plain.form["q"])
    assert type(plain.form.fields["q"].widget) is FastTextInput
    assert type(plain.form.fields["status"].widget) is FastSelect
    # A yes/no filter's select is FastNullBooleanSelect keeping an unknown value for its field to refuse.
    assert type(plain.form.fields["assessed"].widget) is YesNoSelect
    assert isinstance(plain.form.fields["assessed"].widget, FastNullBooleanSelect)


def _filter_sets():
    from django.apps import apps

    for config in apps.get_app_configs():
        try:
            __import__(f"{config.name}.filtersets")
        except ImportError:
            pass
    seen, todo = [], [SearchFilterSet]
    while todo:
        cls = todo.pop()
        for sub in cls.__subclasses__():
            if sub._meta.model is not None:  # a base without a model (CharterItemFilterSet) lists nothing
                seen.append(sub)
            todo.append(sub)
    return seen


def test_no_filter_of_a_filter_set_points_back_at_the_classs_filters(cast):
    """A filter's parts that refer to their filter (`method=`) refer to the filter set's own."""
    request = RequestFactory().get("/")
    request.user = cast.manager
    classes = _filter_sets()
    assert len(classes) >= 10
    for cls in classes:
        filterset = cls(None, request=request)
        for name, own in filterset.filters.items():
            base = cls.base_filters[name]
            for value in vars(own).values():
                parts = vars(value).values() if hasattr(value, "__dict__") else ()
                assert not any(part is base for part in parts), (cls.__name__, name)


def test_a_method_filter_calls_its_filter_sets_method(cast):
    from risk.filtersets import RiskFilterSet

    request = RequestFactory().get("/")
    request.user = cast.manager
    filterset = RiskFilterSet({"review_overdue": "true"}, request=request)
    assert filterset.is_valid()
    str(filterset.qs.query)  # resolves filter_overdue on this filter set (it raised without a parent)
