"""Search-as-you-type pickers for record choices with many rows (vendors, contracts, programs).

A `<select>` offering 2,000 vendors or 10,000 contracts made list pages and forms slow and
useless. A picker renders one text input holding the chosen record's code (a vendor's legal
name, a contract's number, a program's code) and, with JavaScript, asks `core:pick` for at most
PICK_LIMIT matches as the user types (htmx; static/js/picker.js adds the keyboard and the
choosing). Without JavaScript the same input takes a typed code, so a filter or a form still
works. A value is read as an id first when it is all digits (links and the API pass ids), then
as a code (exact, then case-insensitive).

Why not django-autocomplete-light (MIT, its assets ship in the wheel): its select2 widgets need
jQuery and select2 (from the admin), whose combobox is weak for screen readers; its newer
web-component widget (dal_alight) sets no aria-activedescendant and ships no Chinese; both
render a <select> holding only the chosen option, so without JavaScript nothing else can be
chosen; and its forwarding markup carries an inline style the Content-Security-Policy refuses.
This is about 250 lines on what the stack already has (htmx, the list pattern, visible_to).

The suggestions start from `Model.objects.visible_to(user)` (or `editable_by(user)` when the
field asks for it); the field's own queryset still decides what is accepted.
"""

from dataclasses import dataclass

import django_filters
from django import forms
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

PICK_LIMIT = 20
# The longest value a picker takes: the longest code (a vendor's legal name, 200) and an id
# (19 digits) fit. A longer one is refused before any query: SQLite refuses a LIKE pattern
# (the case-insensitive code match) of more than 50,000 bytes with an error, a 500.
PICK_MAX_LENGTH = 200
# What the search endpoint reads of ?q=: enough for any code or name typed.
PICK_QUERY_MAX_LENGTH = 100
IGNORED_ATTRS = ("class", "type", "name", "value", "aria-describedby")


@dataclass(frozen=True)
class PickerKind:
    """What a picker picks: the model, the field typed as its code, what a search looks in."""

    name: str
    model_label: str
    code_field: str
    search_fields: tuple[str, ...]
    ordering: tuple[str, ...]
    related: tuple[str, ...] = ()

    @property
    def model(self):
        return apps.get_model(self.model_label)

    def base_queryset(self, user, scope: str = "visible"):
        manager = self.model.objects
        rows = manager.editable_by(user) if scope == "editable" else manager.visible_to(user)
        return rows.select_related(*self.related) if self.related else rows

    def code(self, obj) -> str:
        return str(getattr(obj, self.code_field))

    def label(self, obj) -> str:
        if self.name == "contract":
            return f"{obj.number} {obj.title} · {obj.vendor}"
        return str(obj)

    def search(self, queryset, term: str):
        term = term.strip()[:PICK_QUERY_MAX_LENGTH]
        if term:
            cond = Q()
            for field in self.search_fields:
                cond |= Q(**{f"{field}__icontains": term})
            queryset = queryset.filter(cond)
        return queryset.order_by(*self.ordering)

    def resolve(self, queryset, value):
        """The record `value` names in `queryset` (an id, or the code), or None."""
        value = str(value if value is not None else "").strip()
        if not value or len(value) > PICK_MAX_LENGTH:
            return None
        if value.isdigit() and int(value) < 2**63:
            found = queryset.filter(pk=int(value)).first()
            if found is not None:
                return found
        found = queryset.filter(**{self.code_field: value}).first()
        if found is None:
            matches = list(queryset.filter(**{f"{self.code_field}__iexact": value})[:2])
            found = matches[0] if len(matches) == 1 else None
        return found


KINDS = {
    "vendor": PickerKind(
        name="vendor",
        model_label="vendors.Vendor",
        code_field="name",
        search_fields=("name", "local_name", "registration_number"),
        ordering=("name",),
    ),
    "contract": PickerKind(
        name="contract",
        model_label="contracts.Contract",
        code_field="number",
        search_fields=("number", "title", "vendor__name", "vendor__local_name"),
        ordering=("number",),
        related=("vendor",),
    ),
    "program": PickerKind(
        name="program",
        model_label="strategy.Program",
        code_field="code",
        search_fields=("code", "name"),
        ordering=("code",),
    ),
}


class RecordPicker(forms.Widget):
    """A text input (combobox) holding the chosen record's code, and the chosen record's name.

    Only the chosen record is rendered, never the list: the list is asked for as one types.
    """

    def __init__(self, kind: str, scope: str = "visible", attrs=None):
        super().__init__(attrs)
        self.kind = KINDS[kind]
        self.scope = scope
        self.queryset = None  # set by RecordChoiceField

    def __deepcopy__(self, memo):
        obj = super().__deepcopy__(memo)
        obj.queryset = self.queryset
        return obj

    def _record(self, value):
        if value is None or value == "":
            return None
        if isinstance(value, self.kind.model):
            return value
        if self.queryset is None:
            return None
        return self.kind.resolve(self.queryset, value)

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, attrs)
        field_id = attrs.pop("id", None) or f"id_{name}"
        record = self._record(value)
        shown = self.kind.code(record) if record is not None else ("" if value is None else str(value))
        picked = self.kind.label(record) if record is not None else ""
        url = reverse("core:pick", args=[self.kind.name])
        if self.scope != "visible":
            url = f"{url}?scope={self.scope}"
        extra = mark_safe(
            "".join(
                format_html(' {}="{}"', key, val) if val is not True else format_html(" {}", key)
                for key, val in attrs.items()
                if val is not False and val is not None and key not in IGNORED_ATTRS
            )
        )
        described = " ".join(part for part in (f"{field_id}-picked", attrs.get("aria-describedby")) if part)
        return format_html(
            '<div class="picker" data-picker>'
            '<input type="text" name="{name}" id="{id}" value="{value}" class="picker-input"'
            ' role="combobox" aria-autocomplete="list" aria-expanded="false" aria-controls="{id}-options"'
            ' aria-describedby="{described}" autocomplete="off" spellcheck="false" placeholder="{placeholder}"'
            ' hx-get="{url}" hx-trigger="input changed delay:250ms, pickeropen" hx-target="#{id}-options"'
            ' hx-swap="innerHTML" hx-sync="this:replace" hx-params="none" data-picker-input{extra}>'
            '<ul class="picker-options" id="{id}-options" role="listbox" aria-label="{listlabel}" hidden></ul>'
            '<span class="picker-picked muted" id="{id}-picked" aria-live="polite">{picked}</span>'
            "</div>",
            name=name,
            id=field_id,
            value=shown,
            described=described,
            placeholder=_("Type to search: name or code"),
            url=url,
            extra=extra,
            listlabel=_("Suggestions"),
            picked=picked,
        )

    def value_from_datadict(self, data, files, name):
        return data.get(name)

    def value_omitted_from_data(self, data, files, name):
        return name not in data


class RecordChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField that takes a record's id or its code and renders a RecordPicker."""

    default_error_messages = {
        # Django's MaxLengthValidator message (its catalogue translates it; so does ours)
        "max_length": ngettext_lazy(
            "Ensure this value has at most %(limit_value)d character (it has %(show_value)d).",
            "Ensure this value has at most %(limit_value)d characters (it has %(show_value)d).",
            "limit_value",
        ),
    }

    def __init__(self, queryset, *, kind: str, scope: str = "visible", **kwargs):
        kwargs["widget"] = RecordPicker(kind, scope=scope)
        kwargs.pop("null_label", None)
        self.kind = KINDS[kind]
        super().__init__(queryset, **kwargs)
        self.widget.queryset = self.queryset

    def _set_queryset(self, queryset):
        super()._set_queryset(queryset)
        if hasattr(self, "widget"):
            self.widget.queryset = self._queryset

    queryset = property(forms.ModelChoiceField._get_queryset, _set_queryset)

    def __deepcopy__(self, memo):
        result = super().__deepcopy__(memo)
        result.widget.queryset = result.queryset
        return result

    def prepare_value(self, value):
        return value  # an id, a code or a record: the widget resolves it for display

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, self.queryset.model):
            value = value.pk
        length = len(str(value).strip())
        if length > PICK_MAX_LENGTH:
            raise ValidationError(
                self.error_messages["max_length"],
                code="max_length",
                params={"limit_value": PICK_MAX_LENGTH, "show_value": length},
            )
        record = self.kind.resolve(self.queryset, value)
        if record is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return record

    def validate(self, value):
        forms.Field.validate(self, value)

    def has_changed(self, initial, data):
        if self.disabled:
            return False
        initial_pk = getattr(initial, "pk", initial)
        try:
            data_record = self.to_python(data)
        except ValidationError:
            return True
        return str(initial_pk or "") != str(getattr(data_record, "pk", "") or "")


class RecordChoiceFilter(django_filters.ModelChoiceFilter):
    """A filter on a vendor, contract or program chosen with a picker (id or code)."""

    field_class = RecordChoiceField

    def __init__(self, *args, kind: str, scope: str = "visible", **kwargs):
        kwargs["kind"] = kind
        kwargs["scope"] = scope
        super().__init__(*args, **kwargs)


def as_picker(form, name: str, kind: str, queryset=None, scope: str = "visible"):
    """Turn `form.fields[name]` (a ModelChoiceField) into a picker on the same records (or on
    `queryset`), keeping its label, help text, requiredness and initial value."""
    old = form.fields[name]
    form.fields[name] = RecordChoiceField(
        old.queryset if queryset is None else queryset,
        kind=kind,
        scope=scope,
        label=old.label,
        required=old.required,
        help_text=old.help_text,
        initial=old.initial,
        disabled=old.disabled,
    )
    return form.fields[name]
