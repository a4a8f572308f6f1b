"""Django's own validator and form-field messages that our pages show, copied here (exact msgids)
so the project catalogue (LOCALE_PATHS, which wins over Django's) translates them and
`makemessages --no-obsolete` keeps them.

Django's zh_Hans catalogue ends the DecimalValidator messages with an ASCII full stop
("确认总共不超过 16 个数字."), unlike every other message on a Chinese page; ours end with "。"
and say it as the API (Django REST framework's zh_Hans) does. The others are pinned so a change
in Django's wording or catalogue cannot make our pages' messages drift apart.

Nothing imports this module at run time: it exists for the message extraction only. Keep each
msgid byte for byte as in django/core/validators.py and django/forms/fields.py (a test checks).
"""

from django.utils.translation import gettext_noop, ngettext_lazy

# django.core.validators.DecimalValidator.messages (the model's and the form's DecimalField)
DECIMAL_MESSAGES = {
    "max_digits": ngettext_lazy(
        "Ensure that there are no more than %(max)s digit in total.",
        "Ensure that there are no more than %(max)s digits in total.",
        "max",
    ),
    "max_decimal_places": ngettext_lazy(
        "Ensure that there are no more than %(max)s decimal place.",
        "Ensure that there are no more than %(max)s decimal places.",
        "max",
    ),
    "max_whole_digits": ngettext_lazy(
        "Ensure that there are no more than %(max)s digit before the decimal point.",
        "Ensure that there are no more than %(max)s digits before the decimal point.",
        "max",
    ),
}

# MinValueValidator, MaxValueValidator, and the form fields' "required" and "invalid".
OTHER_MESSAGES = (
    gettext_noop("Ensure this value is greater than or equal to %(limit_value)s."),
    gettext_noop("Ensure this value is less than or equal to %(limit_value)s."),
    gettext_noop("This field is required."),
    gettext_noop("Enter a number."),
    gettext_noop("Enter a whole number."),
    gettext_noop("Enter a valid date."),
)
