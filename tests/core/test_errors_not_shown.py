"""bpo.core.records.errors_not_shown: what a refused form's visible fields do not show (the whole
form's errors, then its hidden fields'), which the staff and the portal scorecard pages list above
their forms."""

from django import forms

from bpo.core.records import errors_not_shown


class _Form(forms.Form):
    line = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField()

    def clean(self):
        raise forms.ValidationError("Already disputed.")


def test_errors_not_shown_lists_the_forms_then_the_hidden_fields_errors_not_the_visible_ones():
    form = _Form(data={"line": "x", "reason": ""})
    assert not form.is_valid()
    assert errors_not_shown(form) == ["Already disputed.", "Enter a whole number."]
    assert "This field is required." in form["reason"].errors  # shown next to its field instead


def test_errors_not_shown_of_a_valid_form_is_empty():
    form = forms.Form(data={})
    assert form.is_valid() and errors_not_shown(form) == []
