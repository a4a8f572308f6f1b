"""Every form's text reads a line break as one character, as the browser counted it.

A browser sends a textarea's line breaks as CR LF but counts each as one character against the
field's `maxlength` (HTML's normalized value). Django kept the CR LF, so a reason of exactly the
allowed length with ten line breaks was refused as ten characters too long ("At most 2000
characters; this reason has 2008"), and the text was saved with CRs. `install()`
(CoreConfig.ready) makes `forms.CharField.to_python` turn CR LF (and a lone CR) into LF before
the field strips and checks it, on every form.
"""

from django import forms


def _with_newlines_normalized(to_python):
    def char_field_to_python(self, value):
        if isinstance(value, str) and "\r" in value:
            value = value.replace("\r\n", "\n").replace("\r", "\n")
        return to_python(self, value)

    char_field_to_python.__wrapped__ = to_python
    return char_field_to_python


def install():
    """Called once from CoreConfig.ready(); see the module's docstring."""
    if not hasattr(forms.CharField.to_python, "__wrapped__"):
        forms.CharField.to_python = _with_newlines_normalized(forms.CharField.to_python)
