"""Django's own validator and form-field messages that our pages show, copied here (exact msgids)
so the project catalogue (LOCALE_PATHS, which wins over Django's) translates them and
`makemessages --no-obsolete` keeps them.

Of the DecimalValidator's messages only "no more than %(max)s digits in total" remains, for a
form field given max_digits without decimal_places: a field with both says the largest value
allowed and the decimal places in our own words (bpo/core/numbers.py). Django's zh_Hans
catalogue ends it with an ASCII full stop ("确认总共不超过 16 个数字."), unlike every other
message on a Chinese page; ours ends with "。". The others are pinned so a change in Django's
wording or catalogue cannot make our pages' messages drift apart.

Nothing imports this module at run time: it exists for the message extraction only. Keep each
msgid byte for byte as in django/core/validators.py and django/forms/fields.py (a test checks).
"""

from django.utils.translation import gettext_noop, ngettext_lazy

# django.core.validators.DecimalValidator.messages, the one still shown (bpo/core/numbers.py)
DECIMAL_MESSAGES = {
    "max_digits": ngettext_lazy(
        "Ensure that there are no more than %(max)s digit in total.",
        "Ensure that there are no more than %(max)s digits in total.",
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

# django.contrib.auth.password_validation, every validator in AUTH_PASSWORD_VALIDATORS: the
# errors and the help texts (the invitation and password-change pages list them). Django 5.2.19
# says the minimum length with "%d" where its zh_Hans catalogue still has "%(min_length)d", so
# without this copy that one error stayed English on a Chinese page.
PASSWORD_MESSAGES = {
    "password_too_short": ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
        "min_length",
    ),
    "min_length_help": ngettext_lazy(
        "Your password must contain at least %(min_length)d character.",
        "Your password must contain at least %(min_length)d characters.",
        "min_length",
    ),
}
PASSWORD_OTHER_MESSAGES = (
    gettext_noop("The password is too similar to the %(verbose_name)s."),
    gettext_noop("Your password can’t be too similar to your other personal information."),
    gettext_noop("This password is too common."),
    gettext_noop("Your password can’t be a commonly used password."),
    gettext_noop("This password is entirely numeric."),
    gettext_noop("Your password can’t be entirely numeric."),
)
